import type { Tx } from '../../../data/store.js';
import { illegalTransition } from '../../errors.js';
import type { Ops } from '../../ops.js';
import { scheduleStep } from './fire.js';

/** "Escalate now": the step that was waiting fires at once, saying who hurried it. */
export async function escalateNow(ops: Ops, tx: Tx, groupId: string, who: string, now: Date): Promise<void> {
  const record = await tx.get('escalation', groupId);
  if (!record) throw illegalTransition(`${groupId} has no escalation; only alerts an escalation policy covers escalate.`);
  if (record.status !== 'running') throw illegalTransition(`The escalation of ${groupId} has ${record.status === 'finished' ? 'finished' : 'stopped'}; nothing is left to escalate.`);
  await scheduleStep(ops, tx, record, record.round, record.step, now, who);
}
