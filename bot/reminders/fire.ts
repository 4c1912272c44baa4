import type { JobRecord } from '../../data/records/core.js';
import type { ReminderFiring, ReminderRecord } from '../../data/records/reminder.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import type { FireInfo, JobHandler } from '../scheduler.js';
import { parseDuration } from '../time.js';
import { scheduleFire } from './create.js';
import { systemDoer } from './doer.js';
import { FIRE_JOB, fireJobId, firingKey, NUDGE_JOB, nudgeJobId, SNOOZE_END_JOB } from './keys.js';
import { firingMessage } from './message.js';
import { putReminder, saveFiring } from './save.js';
import { nextAfter } from './schedule.js';

/**
 * A reminder's run: posts the firing (marked late when dayops was down at its time), schedules
 * the one re-nudge and the next run. Missed runs are never replayed one by one.
 */
export function fireHandler(ops: Ops): JobHandler {
  return async (tx, job, info) => {
    const r = await tx.get('reminder', String(job.payload.reminder));
    // A stale job (cancelled, paused, replaced) does nothing; the scheduler removes or advances it.
    if (!r || r.state !== 'active' || r.jobId !== job.id) return;
    const now = ops.clock.now();
    const n = r.fired + 1;
    const firing: ReminderFiring = {
      n,
      dueAt: info.dueAt.toISOString(),
      firedAt: now.toISOString(),
      late: info.late,
      status: 'open',
      keys: [firingKey(r.id, n)],
      nudged: false,
      presses: [],
    };
    const next = await advance(ops, tx, { ...r, fired: n, firings: [...r.firings, firing], updatedAt: now.toISOString() }, info, now);
    await putReminder(tx, next);
    await ops.outbox.post(tx, { channel: r.channel, key: firing.keys[0]!, message: firingMessage(next, firing, ops.config.timezone) });
    await scheduleNudge(ops, tx, r.id, n, now);
    const late = info.late ? ` late (due ${info.dueAt.toISOString()})` : '';
    tx.audit(systemDoer(now).audit('reminder.fire', r.id, `fired ${r.id} (firing ${n})${late}`));
  };
}

/** Where the reminder goes next: the cron job advances itself; an interval gets a new one-off job. */
async function advance(ops: Ops, tx: Tx, r: ReminderRecord, info: FireInfo, now: Date): Promise<ReminderRecord> {
  const nextAt = nextAfter(r.schedule, info.dueAt, now);
  if (!nextAt) {
    const { jobId: _job, nextAt: _next, ...rest } = r;
    return { ...rest, state: 'finished' };
  }
  if (r.schedule.kind === 'cron') return { ...r, nextAt: nextAt.toISOString() };
  const moved = { ...r, jobId: fireJobId(r.id, r.fired + 1), nextAt: nextAt.toISOString() };
  await scheduleFire(ops, tx, moved, nextAt);
  return moved;
}

export async function scheduleNudge(ops: Ops, tx: Tx, id: string, n: number, from: Date): Promise<void> {
  const at = new Date(from.getTime() + parseDuration(ops.config.reminders.nudgeAfter));
  await ops.scheduler.schedule(tx, { id: nudgeJobId(id, n), type: NUDGE_JOB, at, payload: { reminder: id, firing: n } });
}

/** The one re-nudge of a firing nobody marked done: a reply in its thread, naming the owner. */
export function nudgeHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const target = await openFiring(tx, job);
    if (!target || target.f.status !== 'open' || target.f.nudged) return;
    const { r, f } = target;
    const next = await saveFiring(ops, tx, r, { ...f, nudged: true });
    const who = r.owner ? `${r.owner}, ` : '';
    await ops.outbox.post(tx, {
      channel: r.channel,
      key: `${f.keys[0]}:nudge`,
      thread: f.keys[0]!,
      message: { text: `${who}this is still open: ${r.text}. Press Done when it is, or Snooze.`, ...(r.owner ? { mentions: [{ person: r.owner }] } : {}) },
    });
    tx.audit(systemDoer(ops.clock.now()).audit('reminder.nudge', next.id, `re-nudged ${next.id} firing ${f.n}`));
  };
}

/** A snooze ended: the firing is posted again, with its buttons, and may still be nudged once. */
export function snoozeEndHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const target = await openFiring(tx, job);
    if (!target || target.f.status !== 'snoozed') return;
    const { r, f } = target;
    const key = firingKey(r.id, f.n, f.keys.length);
    const { snoozedUntil: _until, ...rest } = f;
    const again: ReminderFiring = { ...rest, status: 'open', keys: [...f.keys, key] };
    const next = await saveFiring(ops, tx, r, again);
    await ops.outbox.post(tx, { channel: r.channel, key, message: firingMessage(next, again, ops.config.timezone) });
    if (!again.nudged) await scheduleNudge(ops, tx, r.id, f.n, ops.clock.now());
  };
}

async function openFiring(tx: Tx, job: JobRecord): Promise<{ r: ReminderRecord; f: ReminderFiring } | undefined> {
  const r = await tx.get('reminder', String(job.payload.reminder));
  if (!r || r.state === 'cancelled') return undefined;
  const f = r.firings.find((x) => x.n === Number(job.payload.firing));
  return f ? { r, f } : undefined;
}

export { FIRE_JOB, NUDGE_JOB, SNOOZE_END_JOB };
