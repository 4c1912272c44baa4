import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { conflict, forbidden } from '../errors.js';
import type { Ops } from '../ops.js';
import { samePerson, whoName, type DeployActor } from './actor.js';
import { getDeployment } from './find.js';
import { firstRefusal } from './gates.js';
import { expiryJobId } from './keys.js';
import { note, saveDeployment } from './notify.js';
import { transition } from './state-machine.js';
import { missingApprovers } from '../actions/gate.js';

function checkApprover(ops: Ops, d: DeploymentRecord, actor: DeployActor, doing: string): void {
  if (!ops.people.can(actor.actor, { permission: 'approve', env: d.env })) {
    throw forbidden(`You need the approve permission in ${d.env} to ${doing} ${d.id}.`);
  }
}

/**
 * Records one approval. The requester never approves their own deployment, nobody approves
 * twice, and the last approval needed passes the gates again before the deployment is queued.
 */
export async function approveDeployment(ops: Ops, tx: Tx, id: string, actor: DeployActor): Promise<DeploymentRecord> {
  let d = await getDeployment(tx, id);
  transition(d, 'approved', actor.now);
  checkApprover(ops, d, actor, 'approve');
  if (samePerson(d.requester, actor.who)) throw forbidden(`You requested ${id}, so someone else must approve it.`);
  if (d.approvals.some((a) => samePerson(a, actor.who))) {
    throw conflict(`You have already approved ${id}; it needs ${d.approvalsRequired - d.approvals.length} more from someone else.`);
  }
  d = { ...d, approvals: [...d.approvals, { ...actor.who, at: actor.now.toISOString() }], updatedAt: actor.now.toISOString() };
  const count = `${d.approvals.length} of ${d.approvalsRequired}`;
  const waiting = missingApprovers(d);
  // The last open slots are kept for the people whose approval is required by name.
  if (waiting.length > 0 && d.approvals.length > d.approvalsRequired - waiting.length) {
    throw conflict(`${id} needs the approval of ${waiting.map((w) => `${w.person} (${w.reason})`).join(' and ')}; the approval was not recorded.`);
  }
  if (d.approvals.length >= d.approvalsRequired) {
    const refusal = await firstRefusal(ops, tx, { service: d.service, env: d.env, actor, self: d.id, ...(d.rollbackOf ? { rollback: true } : {}), ...(d.syncs ? { syncs: d.syncs } : {}) });
    if (refusal) throw conflict(`${refusal} The approval was not recorded.`);
    d = transition(transition(d, 'approved', actor.now, actor.name), 'queued', actor.now, actor.name);
    await ops.scheduler.cancel(tx, expiryJobId(id));
    tx.afterCommit(() => ops.deployRunner.launch(ops, id));
  }
  await saveDeployment(ops, tx, d);
  tx.audit(actor.audit('deployment.approve', id, `approved ${id} (${count})`));
  return note(ops, tx, d, `Approved by ${whoName(actor.who)} (${count}).`);
}

export async function denyDeployment(ops: Ops, tx: Tx, id: string, actor: DeployActor, reason?: string): Promise<DeploymentRecord> {
  let d = await getDeployment(tx, id);
  transition(d, 'denied', actor.now);
  checkApprover(ops, d, actor, 'deny');
  d = transition(d, 'denied', actor.now, actor.name, reason ? `denied by ${actor.name}: ${reason}` : `denied by ${actor.name}`);
  d.denial = { by: actor.name, at: actor.now.toISOString(), ...(reason ? { reason } : {}) };
  await ops.scheduler.cancel(tx, expiryJobId(id));
  await saveDeployment(ops, tx, d);
  tx.audit(actor.audit('deployment.deny', id, `denied ${id}${reason ? `: ${reason}` : ''}`));
  return note(ops, tx, d, `Denied by ${whoName(actor.who)}${reason ? `: ${reason}` : '.'}`);
}
