import type { LockRecord } from '../../data/records/lock.js';
import type { Tx } from '../../data/store.js';
import { conflict, forbidden } from '../errors.js';
import type { Ops } from '../ops.js';
import { formatTime } from '../time.js';
import type { DeployActor } from './actor.js';
import { checkDeployEnv } from './policy.js';

export async function lockEnv(ops: Ops, tx: Tx, env: string, actor: DeployActor, reason?: string): Promise<LockRecord> {
  checkDeployEnv(ops, env);
  const existing = await tx.get('lock', env);
  if (existing) {
    const since = formatTime(new Date(existing.at), ops.config.timezone);
    throw conflict(`${env} is already locked by ${existing.holderName} since ${since}${existing.reason ? `: ${existing.reason}` : ''}.`);
  }
  const lock: LockRecord = { id: env, env, holder: actor.name, holderName: actor.who.displayName, at: actor.now.toISOString(), ...(reason ? { reason } : {}) };
  await tx.put('lock', lock);
  tx.audit(actor.audit('env.lock', env, `locked ${env}${reason ? `: ${reason}` : ''}`));
  return lock;
}

/** The holder unlocks; anyone else needs the admin permission there. */
export async function unlockEnv(ops: Ops, tx: Tx, env: string, actor: DeployActor): Promise<LockRecord> {
  checkDeployEnv(ops, env);
  const existing = await tx.get('lock', env);
  if (!existing) throw conflict(`${env} is not locked.`);
  if (existing.holder !== actor.name && !ops.people.can(actor.actor, { permission: 'admin', env })) {
    throw forbidden(`${env} is locked by ${existing.holderName}; only they or an admin may unlock it.`);
  }
  await tx.remove('lock', env);
  tx.audit(actor.audit('env.unlock', env, `unlocked ${env} (held by ${existing.holderName})`));
  return existing;
}
