import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { ReadTx, Tx } from '../../data/store.js';
import { idNumber } from '../ids.js';
import { conflict } from '../errors.js';
import type { Place } from '../model.js';
import type { Ops } from '../ops.js';
import type { DeployActor } from './actor.js';
import { allDeployments, getDeployment, successes } from './find.js';
import { checkDeployService, policyFor } from './policy.js';
import { requestDeployment } from './request.js';

/**
 * The deployment to go back to and the one it replaces: the current one is the newest that
 * finished (succeeded or failed); the target is the last success before it with another version.
 */
export async function rollbackTarget(tx: Tx, service: string, env: string): Promise<{ target: DeploymentRecord; current: DeploymentRecord }> {
  const finished = (await allDeployments(tx, { service, env })).filter((d) => d.state === 'succeeded' || d.state === 'failed').reverse();
  const current = finished[0];
  if (!current) throw conflict(`${service} has never been deployed to ${env}, so there is nothing to roll back.`);
  const target = (await successes(tx, service, env)).find((d) => d.id !== current.id && d.version !== current.version);
  if (!target) throw conflict(`No earlier version of ${service} succeeded in ${env} before ${current.id}, so there is nothing to roll back to.`);
  return { target, current };
}

/** `rollback api production`: a new deployment of the last good version, through the same policy. */
export async function rollback(ops: Ops, tx: Tx, service: string, env: string, actor: DeployActor, place: Place, reason?: string): Promise<DeploymentRecord> {
  checkDeployService(ops, service);
  policyFor(ops, env);
  const { target, current } = await rollbackTarget(tx, service, env);
  return requestDeployment(
    ops,
    tx,
    { service, env, version: target.version, place, rollbackOf: current.id, reason: reason ?? `rollback of ${current.id} (${current.version}) to ${target.version}` },
    actor,
  );
}

const UNDONE: readonly string[] = ['failed', 'halted', 'expired', 'denied'];

/**
 * Why `d` cannot be rolled back now, in a sentence, or undefined when it can: it must have
 * finished, still be the newest finished deployment of its service there, not be rolled back
 * already, and have an earlier version to go back to.
 */
export async function rollbackBlocker(tx: ReadTx, d: DeploymentRecord): Promise<string | undefined> {
  if (d.state !== 'succeeded' && d.state !== 'failed') return `${d.id} is ${d.state.replace('_', ' ')}; only a finished deployment can be rolled back.`;
  // One read of the service's history there answers all three questions.
  const history = await allDeployments(tx, { service: d.service, env: d.env });
  const undoing = history.find((x) => x.rollbackOf === d.id && !UNDONE.includes(x.state));
  if (undoing) return `${d.id} was already rolled back by ${undoing.id} (${undoing.state.replace('_', ' ')}).`;
  const newest = history.filter((x) => x.state === 'succeeded' || x.state === 'failed').at(-1);
  if (newest && newest.id !== d.id) return `${d.id} no longer runs in ${d.env}: ${newest.id} (${newest.version}) came after it.`;
  if (!versionBefore(history, d)) return `No other version of ${d.service} succeeded in ${d.env} before ${d.id}, so there is nothing to roll it back to.`;
  return undefined;
}

/** The last success before `d` with another version: what rolling `d` back deploys. */
function versionBefore(history: readonly DeploymentRecord[], d: DeploymentRecord): DeploymentRecord | undefined {
  return history.filter((s) => s.state === 'succeeded' && idNumber(s.id) < idNumber(d.id) && s.version !== d.version).at(-1);
}

/**
 * Rolls back exactly deployment `id` (the button "Roll back DEP-1"): a new deployment of the
 * last version that succeeded before it, through the same policy. Refused with the reason when
 * it is not what runs there any more.
 */
export async function rollbackDeployment(ops: Ops, tx: Tx, id: string, actor: DeployActor, place: Place, incident?: string): Promise<DeploymentRecord> {
  const d = await getDeployment(tx, id);
  const blocker = await rollbackBlocker(tx, d);
  if (blocker) throw conflict(blocker);
  const target = versionBefore(await allDeployments(tx, { service: d.service, env: d.env }), d)!;
  return requestDeployment(
    ops,
    tx,
    { service: d.service, env: d.env, version: target.version, place, rollbackOf: d.id, reason: `rollback of ${d.id} (${d.version}) to ${target.version}`, ...(incident ? { incident } : {}) },
    actor,
  );
}
