import type { ReminderRecord } from '../../data/records/reminder.js';
import type { ReadTx } from '../../data/store.js';

/** A reminder holds a duty while it can still fire: active or paused, not cancelled or finished. */
function holds(r: ReminderRecord): boolean {
  return r.decision !== undefined && (r.state === 'active' || r.state === 'paused');
}

/** The reminder holding the duty of `decision`, if any. */
export async function dutyReminder(tx: ReadTx, decision: string): Promise<ReminderRecord | undefined> {
  const [found] = await tx.list('reminder', { where: (r) => holds(r) && r.decision === decision });
  return found;
}

/** Every decision id some reminder holds the duty of. */
export async function decisionsWithDuty(tx: ReadTx): Promise<Set<string>> {
  const reminders = await tx.list('reminder', { where: holds });
  return new Set(reminders.map((r) => r.decision!));
}
