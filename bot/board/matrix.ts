import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import { allDecisions } from '../decisions/find.js';
import { readinessFrom, type Readiness } from '../decisions/readiness.js';
import { activeFreeze, type ActiveFreeze } from '../deployments/freezes.js';
import { isFinal } from '../deployments/state-machine.js';
import type { Ops } from '../ops.js';

/** What holds an environment for every service in it. */
export interface EnvState {
  env: string;
  lock?: { by: string; reason?: string; at: string };
  freeze?: { id: string; until: string; reason: string };
  halt?: { by: string; reason: string; at: string };
}

/** One service in one environment, as someone about to deploy would want to see it. */
export interface MatrixCell {
  service: string;
  env: string;
  /** The deployment that last succeeded there: what runs now. */
  live?: { id: string; version: string; at: string; by: string };
  /** The unfinished deployment there, if any (there is at most one). */
  inFlight?: { id: string; version: string; state: DeploymentRecord['state']; approvals: number; approvalsRequired: number; by: string };
  /** `evidence`: what the deploy gate says of required evidence that is not fresh. */
  readiness: Pick<Readiness, 'missing' | 'ready'> & { required: number; evidence: string[] };
  /** Firing critical alert groups that block deploys there (muted ones aside, as the deploy gate counts them). */
  critical: { id: string; title: string }[];
}

export interface DeployMatrix {
  services: string[];
  envs: EnvState[];
  /** By `${service}|${env}`. */
  cells: Map<string, MatrixCell>;
}

export const cellKey = (service: string, env: string) => `${service}|${env}`;

/**
 * Every service × environment from one read of each kind: deployments are walked once however
 * many there are, so the board's matrix stays fast with a long history. The same facts the deploy
 * gates check, for people to see before they ask.
 */
export async function deployMatrix(ops: Ops, tx: ReadTx, envNames = Object.keys(ops.config.environments)): Promise<DeployMatrix> {
  const services = Object.keys(ops.config.services);
  const now = ops.clock.now();
  const envs = await Promise.all(envNames.map((env) => envState(tx, env, now)));
  const { live, open } = await latestByCell(tx);
  const decisions = await allDecisions(tx);
  const critical = (await openAlertGroups(ops, tx, { severity: 'critical' })).filter((g) => !g.mutedBy);
  const cells = new Map<string, MatrixCell>();
  for (const service of services) {
    for (const env of envNames) {
      const key = cellKey(service, env);
      const r = readinessFrom(ops.config, decisions, service, env, now);
      cells.set(key, {
        service,
        env,
        ...liveOf(live.get(key)),
        ...inFlightOf(open.get(key)),
        readiness: { missing: r.missing, ready: r.ready, required: r.items.length + r.evidence.length, evidence: r.evidence.filter((e) => e.state !== 'fresh').map((e) => e.sentence) },
        critical: critical.filter((g) => blocks(g, service, env)).map((g) => ({ id: g.id, title: g.title })),
      });
    }
  }
  return { services, envs, cells };
}

async function envState(tx: ReadTx, env: string, now: Date): Promise<EnvState> {
  const lock = await tx.get('lock', env);
  const halt = await tx.get('lineHalt', env);
  const freeze: ActiveFreeze | undefined = await activeFreeze(tx, env, now);
  return {
    env,
    ...(lock ? { lock: { by: lock.holderName, at: lock.at, ...(lock.reason ? { reason: lock.reason } : {}) } } : {}),
    ...(freeze ? { freeze: { id: freeze.freeze.id, until: freeze.until.toISOString(), reason: freeze.freeze.reason } } : {}),
    ...(halt ? { halt: { by: halt.by, reason: halt.reason, at: halt.at } } : {}),
  };
}

async function latestByCell(tx: ReadTx): Promise<{ live: Map<string, DeploymentRecord>; open: Map<string, DeploymentRecord> }> {
  const live = new Map<string, DeploymentRecord>();
  const open = new Map<string, DeploymentRecord>();
  // Newest first, so the first one seen in a cell is the one it shows.
  for (const d of await tx.query('deployment.history', {})) {
    const target = d.state === 'succeeded' ? live : isFinal(d.state) ? undefined : open;
    const key = cellKey(d.service, d.env);
    if (target && !target.has(key)) target.set(key, d);
  }
  return { live, open };
}

function liveOf(d: DeploymentRecord | undefined): Pick<MatrixCell, 'live'> {
  if (!d) return {};
  return { live: { id: d.id, version: d.version, at: d.finishedAt ?? d.updatedAt, by: d.requester.person ?? d.requester.displayName } };
}

function inFlightOf(d: DeploymentRecord | undefined): Pick<MatrixCell, 'inFlight'> {
  if (!d) return {};
  const by = d.requester.person ?? d.requester.displayName;
  return { inFlight: { id: d.id, version: d.version, state: d.state, approvals: d.approvals.length, approvalsRequired: d.approvalsRequired, by } };
}

/** As the deploy gate counts it: a group without an environment label blocks every environment. */
function blocks(g: AlertGroupRecord, service: string, env: string): boolean {
  return g.service === service && (g.env === undefined || g.env === env);
}
