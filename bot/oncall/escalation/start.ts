import type { AlertGroupRecord } from '../../../data/records/alert-group.js';
import type { EscalationRecord } from '../../../data/records/oncall.js';
import type { Tx } from '../../../data/store.js';
import type { Ops } from '../../ops.js';
import { ESCALATE_JOB, stepJobId } from './keys.js';
import { policyFor } from './policy.js';

/**
 * Starts the escalation of a group its policy covers: the first step is a job due now, so it
 * fires on the scheduler like every other step. True when a policy covers the group (it then
 * replaces the plain re-notify), also when an escalation already ran for it.
 */
export async function startEscalation(ops: Ops, tx: Tx, group: AlertGroupRecord, now: Date): Promise<boolean> {
  if (await tx.get('escalation', group.id)) return true;
  const applied = await policyFor(ops, tx, group);
  if (!applied) return false;
  const job = stepJobId(group.id, 0, 0);
  const record: EscalationRecord = {
    id: group.id,
    policy: applied.name,
    ...(applied.schedule ? { schedule: applied.schedule.name } : {}),
    status: 'running',
    step: 0,
    round: 0,
    job,
    startedAt: now.toISOString(),
    fired: [],
  };
  await tx.put('escalation', record);
  await ops.scheduler.schedule(tx, { id: job, type: ESCALATE_JOB, at: now, payload: { group: group.id, round: 0, step: 0 } });
  return true;
}
