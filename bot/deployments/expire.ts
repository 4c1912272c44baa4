import type { JobHandler } from '../scheduler.js';
import { settle } from './finish.js';
import type { Ops } from '../ops.js';

/** The approval-expiry job: a request still waiting when it fires is closed, and said so. */
export function expiryHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const id = String(job.payload.deployment);
    const d = await tx.get('deployment', id);
    if (!d || d.state !== 'awaiting_approval') return;
    const got = `${d.approvals.length} of ${d.approvalsRequired} approvals`;
    await settle(ops, tx, id, 'expired', `nobody approved it in time (${got}); request it again if it is still wanted.`);
  };
}
