import type { EscalationRecord } from '../../../data/records/oncall.js';
import type { Tx } from '../../../data/store.js';
import type { Ops } from '../../ops.js';

/** Ends a running escalation (acknowledged, silenced, resolved); returns a line saying so, if one ran. */
export async function stopEscalation(ops: Ops, tx: Tx, groupId: string, why: string, now: Date): Promise<string | undefined> {
  const record = await tx.get('escalation', groupId);
  if (record?.status !== 'running') return undefined;
  if (record.job) await ops.scheduler.cancel(tx, record.job);
  const { job: _job, ...rest } = record;
  const stopped: EscalationRecord = { ...rest, status: 'stopped', stoppedAt: now.toISOString(), stoppedBy: why };
  await tx.put('escalation', stopped);
  return `Escalation stopped after ${record.fired.length} step${record.fired.length === 1 ? '' : 's'}.`;
}
