import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { conflict, forbidden } from '../errors.js';
import type { Ops } from '../ops.js';
import type { DeployActor } from './actor.js';
import { getDeployment, openDeployments } from './find.js';
import { expiryJobId } from './keys.js';
import { note, saveDeployment } from './notify.js';
import { checkDeployEnv } from './policy.js';
import { transition } from './state-machine.js';

function checkHalter(ops: Ops, env: string, actor: DeployActor): void {
  if (!ops.people.can(actor.actor, { permission: 'halt', env })) throw forbidden(`You need the halt permission in ${env} to halt deployments there.`);
}

/** Stops one deployment: recorded as halted at once, then the engine is told (after commit). */
export async function haltDeployment(ops: Ops, tx: Tx, id: string, actor: DeployActor, reason?: string): Promise<DeploymentRecord> {
  const d = await getDeployment(tx, id);
  checkHalter(ops, d.env, actor);
  return haltOne(ops, tx, d, actor, reason ? `halted by ${actor.name}: ${reason}` : `halted by ${actor.name}`);
}

async function haltOne(ops: Ops, tx: Tx, current: DeploymentRecord, actor: DeployActor, why: string): Promise<DeploymentRecord> {
  const d = transition(current, 'halted', actor.now, actor.name, why);
  await ops.scheduler.cancel(tx, expiryJobId(d.id));
  await saveDeployment(ops, tx, d);
  tx.audit(actor.audit('deployment.halt', d.id, `${d.id}: ${why}`));
  if (current.engine) tx.afterCommit(() => ops.deployRunner.halt(ops, current));
  return note(ops, tx, d, `Halted: ${why}.`);
}

/** Stops the line in an environment: halts what is in flight there and refuses new deployments. */
export async function haltLine(ops: Ops, tx: Tx, env: string, actor: DeployActor, reason: string): Promise<DeploymentRecord[]> {
  checkDeployEnv(ops, env);
  checkHalter(ops, env, actor);
  const existing = await tx.get('lineHalt', env);
  if (existing) throw conflict(`The line in ${env} is already halted by ${existing.by} (${existing.reason}).`);
  await tx.put('lineHalt', { id: env, env, by: actor.name, reason, at: actor.now.toISOString() });
  tx.audit(actor.audit('line.halt', env, `halted the line in ${env}: ${reason}`));
  const halted: DeploymentRecord[] = [];
  for (const d of await openDeployments(tx, (x) => x.env === env)) {
    halted.push(await haltOne(ops, tx, d, actor, `the line in ${env} was halted by ${actor.name}: ${reason}`));
  }
  return halted;
}

export async function resumeLine(ops: Ops, tx: Tx, env: string, actor: DeployActor): Promise<void> {
  checkDeployEnv(ops, env);
  checkHalter(ops, env, actor);
  const existing = await tx.get('lineHalt', env);
  if (!existing) throw conflict(`The line in ${env} is not halted.`);
  await tx.remove('lineHalt', env);
  tx.audit(actor.audit('line.resume', env, `resumed the line in ${env} (halted by ${existing.by}: ${existing.reason})`));
}
