import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { findOpenGroup } from './find.js';
import { renotifyJobId } from './keys.js';
import { updateGroup } from './publish.js';
import { stopEscalation } from '../oncall/escalation/stop.js';

/** Marks the group as being looked at: shown on its message, and re-notifying stops. */
export async function acknowledgeGroup(ops: Ops, tx: Tx, id: string, who: string, now: Date): Promise<{ group: AlertGroupRecord; already: boolean }> {
  const group = await findOpenGroup(tx, id);
  if (group.acknowledged) return { group, already: true };
  await ops.scheduler.cancel(tx, renotifyJobId(id));
  const stopped = await stopEscalation(ops, tx, id, `acknowledged by ${who}`, now);
  const next = await updateGroup(ops, tx, { ...group, acknowledged: { by: who, at: now.toISOString() } }, [`Acknowledged by ${who}.`, ...(stopped ? [stopped] : [])]);
  return { group: next, already: false };
}
