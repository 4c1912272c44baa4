import type { ReminderRecord } from '../../data/records/reminder.js';
import type { Tx } from '../../data/store.js';
import { detachDuty } from '../duties/create.js';
import { illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { scheduleFire } from './create.js';
import type { Doer } from './doer.js';
import { getReminder } from './find.js';
import { fireJobId } from './keys.js';
import { putReminder } from './save.js';
import { nextAfter } from './schedule.js';

export async function cancelReminder(ops: Ops, tx: Tx, id: string, by: Doer): Promise<ReminderRecord> {
  const r = await getReminder(tx, id);
  if (r.state === 'cancelled' || r.state === 'finished') throw illegalTransition(`${id} is already ${r.state}.`);
  const next = await unschedule(ops, tx, { ...r, state: 'cancelled', updatedAt: by.now.toISOString() });
  await putReminder(tx, next);
  await detachDuty(ops, tx, next);
  tx.audit(by.audit('reminder.cancel', id, `cancelled ${id}`));
  return next;
}

export async function pauseReminder(ops: Ops, tx: Tx, id: string, by: Doer): Promise<ReminderRecord> {
  const r = await getReminder(tx, id);
  if (r.state !== 'active') throw illegalTransition(`${id} is ${r.state}; only an active reminder can be paused.`);
  const next = await unschedule(ops, tx, { ...r, state: 'paused', updatedAt: by.now.toISOString() });
  await putReminder(tx, next);
  tx.audit(by.audit('reminder.pause', id, `paused ${id}`));
  return next;
}

/** Resumes from now: runs missed while paused are skipped, not caught up. */
export async function resumeReminder(ops: Ops, tx: Tx, id: string, by: Doer): Promise<ReminderRecord> {
  const r = await getReminder(tx, id);
  if (r.state !== 'paused') throw illegalTransition(`${id} is ${r.state}; only a paused reminder can be resumed.`);
  const at = firstRunFrom(r, by.now);
  if (!at) throw illegalTransition(`${id} was due once, at a time that passed while it was paused; create a new reminder.`);
  const jobId = r.schedule.kind === 'cron' ? fireJobId(id) : fireJobId(id, r.fired + 1);
  const next: ReminderRecord = { ...r, state: 'active', jobId, nextAt: at.toISOString(), updatedAt: by.now.toISOString() };
  await scheduleFire(ops, tx, next, at);
  await putReminder(tx, next);
  tx.audit(by.audit('reminder.resume', id, `resumed ${id}`));
  return next;
}

function firstRunFrom(r: ReminderRecord, now: Date): Date | undefined {
  if (r.schedule.kind === 'at') return Date.parse(r.schedule.at) > now.getTime() ? new Date(r.schedule.at) : undefined;
  if (r.schedule.kind === 'every') return nextAfter(r.schedule, new Date(r.nextAt ?? r.createdAt), now);
  return nextAfter(r.schedule, now, now);
}

async function unschedule(ops: Ops, tx: Tx, r: ReminderRecord): Promise<ReminderRecord> {
  if (r.jobId) await ops.scheduler.cancel(tx, r.jobId);
  const { jobId: _job, nextAt: _next, ...rest } = r;
  return rest;
}
