import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import { readiness } from '../decisions/readiness.js';
import type { Ops } from '../ops.js';
import { formatTime } from '../time.js';
import type { DeployActor } from './actor.js';
import { stateLabel } from './message.js';
import { activeDeployment } from './find.js';
import { activeFreeze } from './freezes.js';
import { coverageRefusal } from '../oncall/coverage.js';
import { shiftEndRefusal } from '../oncall/shift-end.js';
import { driftRefusal } from '../drift/gate.js';
import { evidenceOverridden, staleEvidence } from '../evidence/gate.js';
import { blockingRefusal } from '../actions/gate.js';
import { budgetRefusal } from '../budget/gate.js';

export interface GateInput {
  service: string;
  env: string;
  actor: DeployActor;
  /** An admin's freeze override reason (`--override --reason …`). */
  override?: string;
  /** The deployment being checked again (at approval time), which must not block itself. */
  self?: string;
  /** A rollback: the remedy for a firing alert, so that gate lets it through. */
  rollback?: boolean;
  /** The drift finding this deployment syncs back: the drift gate lets it through. */
  syncs?: string;
  /** `--confirm`: the requester knows their on-call shift ends right after this. */
  confirmed?: boolean;
}

/** Returns the sentence that refuses the deployment, or nothing to let it through. */
export type DeployGate = (ops: Ops, tx: ReadTx, input: GateInput) => Promise<string | undefined>;

const lineHaltGate: DeployGate = async (ops, tx, { env }) => {
  const halt = await tx.get('lineHalt', env);
  if (!halt) return undefined;
  return `The line is halted in ${env} by ${halt.by} since ${at(ops, halt.at)} (${halt.reason}); resume ${env} first.`;
};

const lockGate: DeployGate = async (ops, tx, { env, actor }) => {
  const lock = await tx.get('lock', env);
  if (!lock || lock.holder === actor.name) return undefined;
  const why = lock.reason ? `: ${lock.reason}` : '';
  return `${env} is locked by ${lock.holderName} since ${at(ops, lock.at)}${why}. Ask them to unlock ${env}.`;
};

const freezeGate: DeployGate = async (ops, tx, { env, actor, override }) => {
  const active = await activeFreeze(tx, env, actor.now);
  if (!active) return undefined;
  if (override && ops.people.can(actor.actor, { permission: 'admin', env })) return undefined;
  const f = active.freeze;
  return `${env} is frozen until ${formatTime(active.until, ops.config.timezone)} by ${f.id} (${f.reason}); an admin may deploy anyway with --override --reason "…".`;
};

const busyGate: DeployGate = async (_ops, tx, { service, env, self }) => {
  const holder = await activeDeployment(tx, service, env);
  if (!holder || holder.id === self) return undefined;
  const who = holder.requester.person ?? holder.requester.displayName;
  return `${service} is already being deployed to ${env} by ${holder.id} (${holder.version}, ${stateLabel(holder.state)}, requested by ${who}); wait for it to finish or halt it.`;
};

const readinessGate: DeployGate = async (ops, tx, { service, env }) => {
  const r = await readiness(ops, tx, service, env);
  if (r.missing.length === 0) return undefined;
  return `${service} cannot ship to ${env} yet: it needs an accepted decision for ${r.missing.join(', ')}. Record and accept them first (type readiness ${service} ${env}).`;
};

/**
 * Day-2 evidence: the duty of a required decision done, and passed, recently enough. An admin's
 * `--override --reason` lets one deployment through (audited); a rollback is never held back.
 */
const evidenceGate: DeployGate = async (ops, tx, input) => {
  const stale = await staleEvidence(ops, tx, input.service, input.env);
  if (!stale || input.rollback || (await evidenceOverridden(ops, tx, input))) return undefined;
  return `${input.service} cannot ship to ${input.env}: ${stale.sentence}`;
};

/**
 * Day-2: no deployment while a critical alert fires for the service there (muted ones aside: a
 * maintenance window is for changes), except a rollback, which is how the alert gets fixed.
 */
const alertsGate: DeployGate = async (ops, tx, { service, env, rollback }) => {
  if (rollback) return undefined;
  const firing = (await openAlertGroups(ops, tx, { service, severity: 'critical' })).filter((g) => (g.env === undefined || g.env === env) && !g.mutedBy);
  const first = firing[0];
  if (!first) return undefined;
  const more = firing.length > 1 ? ` and ${firing.length - 1} more` : '';
  return `A critical alert fires for ${service}${first.env ? ` in ${first.env}` : ''}: ${first.id} ${first.title}${more}. Deploy once it is resolved (type alerts to see it).`;
};

/** Day-2: an environment with `requireNoDrift` takes no deployment while a drift finding there is open, but the one that syncs it. */
const driftGate: DeployGate = (ops, tx, { env, syncs }) => driftRefusal(ops, tx, env, syncs);

/** Day-2: an environment with `requireWithinBudget` takes no deployment while the service's budget is over; a rollback still goes. */
const budgetGate: DeployGate = (ops, tx, { service, env, rollback }) => (rollback ? Promise.resolve(undefined) : budgetRefusal(ops, tx, service, env));

/** An open blocking postmortem action item of the service, where the environment refuses for it. */
const actionItemGate: DeployGate = (ops, tx, { service, env, rollback }) => (rollback ? Promise.resolve(undefined) : blockingRefusal(ops, tx, service, env));

/** On call: an environment may require someone on call for the service, without a gap, for days ahead. */
const oncallGate: DeployGate = (ops, tx, { service, env, actor }) => coverageRefusal(ops, tx, service, env, actor.now);

/** Asked once, at the request: approvals later are by others. */
const shiftEndGate: DeployGate = (ops, tx, { env, actor, self, confirmed, rollback }) =>
  self || rollback ? Promise.resolve(undefined) : shiftEndRefusal(ops, tx, { env, ...(actor.who.person ? { person: actor.who.person } : {}), now: actor.now, confirmed: confirmed ?? false });

/**
 * Every check a deployment passes before it may run, in order; the first refusal wins. A Day-2
 * gate (no deploys while a critical alert fires) is one more entry here.
 */
export const DEPLOY_GATES: readonly DeployGate[] = [lineHaltGate, lockGate, freezeGate, busyGate, readinessGate, evidenceGate, actionItemGate, oncallGate, alertsGate, driftGate, budgetGate, shiftEndGate];

export async function firstRefusal(ops: Ops, tx: ReadTx, input: GateInput, gates = DEPLOY_GATES): Promise<string | undefined> {
  for (const gate of gates) {
    const refusal = await gate(ops, tx, input);
    if (refusal) return refusal;
  }
  return undefined;
}

function at(ops: Ops, iso: string): string {
  return formatTime(new Date(iso), ops.config.timezone);
}
