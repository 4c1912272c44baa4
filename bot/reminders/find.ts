import type { ReminderFiring, ReminderRecord } from '../../data/records/reminder.js';
import type { ReadTx } from '../../data/store.js';
import { badInput, notFound } from '../errors.js';
import { parseId } from '../ids.js';

export async function getReminder(tx: ReadTx, id: string): Promise<ReminderRecord> {
  const r = await tx.get('reminder', id);
  if (!r) throw notFound(`There is no reminder ${id}; \`reminders\` lists them.`);
  return r;
}

/** Reads a button's `REM-3:4` value. */
export function parseFiringRef(value: string): { id: string; n: number } {
  const [idText = '', nText = ''] = value.trim().split(':');
  const n = Number(nText);
  if (!Number.isInteger(n) || n < 1) throw badInput('That button does not name a reminder firing; use the reminders command instead.');
  return { id: parseId(idText, 'reminder'), n };
}

export function findFiring(r: ReminderRecord, n: number): ReminderFiring {
  const f = r.firings.find((x) => x.n === n);
  if (!f) throw notFound(`Firing ${n} of ${r.id} is too old to change now.`);
  return f;
}
