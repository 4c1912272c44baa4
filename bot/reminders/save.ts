import type { ReminderFiring, ReminderRecord } from '../../data/records/reminder.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { firingMessage } from './message.js';

/** How many firings a reminder keeps; older ones can no longer be pressed. */
const KEEP_FIRINGS = 10;

/** Stores the reminder (cancelled and finished ones leave the hot state). */
export async function putReminder(tx: Tx, r: ReminderRecord): Promise<void> {
  const closed = r.state === 'cancelled' || (r.state === 'finished' && r.firings.every((f) => f.status === 'done'));
  await tx.put('reminder', { ...r, firings: r.firings.slice(-KEEP_FIRINGS) }, { closed });
}

/** Replaces one firing, stores the reminder and edits every message of the firing in place. */
export async function saveFiring(ops: Ops, tx: Tx, r: ReminderRecord, f: ReminderFiring): Promise<ReminderRecord> {
  const next = { ...r, firings: r.firings.map((x) => (x.n === f.n ? f : x)) };
  await putReminder(tx, next);
  const message = firingMessage(next, f, ops.config.timezone);
  for (const key of f.keys) await ops.outbox.edit(tx, key, message);
  return next;
}
