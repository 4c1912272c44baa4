import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { approvalKey, deploymentKey, noteKey } from './keys.js';
import { approvalMessage, deploymentMessage } from './message.js';
import { isFinal } from './state-machine.js';
import { followDeployment } from '../incidents/follow-deployment.js';

/** Sees a deployment as it is stored, in the same transaction, so what it queues commits with it. */
export type DeploymentObserver = (tx: Tx, d: DeploymentRecord) => Promise<void>;

/** Stores a deployment (finished ones leave the hot state) and brings its messages up to date. */
export async function saveDeployment(ops: Ops, tx: Tx, d: DeploymentRecord): Promise<void> {
  await tx.put('deployment', d, { closed: isFinal(d.state) });
  for (const observe of ops.deploymentObservers ?? []) await observe(tx, d);
  await ops.outbox.edit(tx, deploymentKey(d.id), deploymentMessage(d));
  if (hasApprovalMessage(d)) await ops.outbox.edit(tx, approvalKey(d.id), approvalMessage(d));
  await followDeployment(ops, tx, d);
}

/** The first post of the summary (and of the approval request, when it goes elsewhere). */
export async function postDeployment(ops: Ops, tx: Tx, d: DeploymentRecord): Promise<void> {
  await tx.put('deployment', d, { closed: isFinal(d.state) });
  const { channel, thread } = d.requestedFrom;
  await ops.outbox.post(tx, { channel, key: deploymentKey(d.id), message: deploymentMessage(d), ...(thread ? { thread } : {}) });
  if (hasApprovalMessage(d)) {
    await ops.outbox.post(tx, { channel: d.approvalChannel!, key: approvalKey(d.id), message: approvalMessage(d) });
  }
}

/** A line in the deployment's thread; returns the record with its note counter advanced (stored). */
export async function note(ops: Ops, tx: Tx, d: DeploymentRecord, text: string): Promise<DeploymentRecord> {
  const next = { ...d, notes: d.notes + 1 };
  await tx.put('deployment', next, { closed: isFinal(next.state) });
  await ops.outbox.post(tx, {
    channel: d.requestedFrom.channel,
    key: noteKey(d.id, next.notes),
    thread: deploymentKey(d.id),
    message: { text },
  });
  return next;
}

/** An approval request goes to its own channel only when one is configured and differs. */
function hasApprovalMessage(d: DeploymentRecord): boolean {
  return d.approvalChannel !== undefined;
}
