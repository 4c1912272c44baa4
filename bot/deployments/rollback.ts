import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
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
  const finished = (await allDeployments(tx, (d) => d.service === service && d.env === env && (d.state === 'succeeded' || d.state === 'failed'))).reverse();
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

/** The Rollback button on a failed deployment: rolls its service back in its environment. */
export async function rollbackFrom(ops: Ops, tx: Tx, id: string, actor: DeployActor, place: Place): Promise<DeploymentRecord> {
  const d = await getDeployment(tx, id);
  return rollback(ops, tx, d.service, d.env, actor, place);
}
