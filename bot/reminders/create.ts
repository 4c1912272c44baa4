import type { ReminderRecord } from '../../data/records/reminder.js';
import type { Tx } from '../../data/store.js';
import { badInput } from '../errors.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { Doer } from './doer.js';
import { FIRE_JOB, fireJobId } from './keys.js';
import { planSchedule, type ScheduleFlags } from './schedule.js';

export interface NewReminder extends ScheduleFlags {
  channel: string;
  text: string;
  runbook?: string;
  owner?: string;
  decision?: string;
}

/** Checks everything first, so bad input stores nothing; then records and schedules it. */
export async function createReminder(ops: Ops, tx: Tx, input: NewReminder, by: Doer): Promise<ReminderRecord> {
  const { schedule, firstAt } = planSchedule(input, ops.config.timezone, by.now);
  if (input.runbook !== undefined) checkRunbook(ops, input.runbook);
  if (input.owner !== undefined && !ops.people.exists(input.owner)) {
    throw badInput(`${input.owner} is not in the team; the people are ${ops.people.names().join(', ')}.`);
  }
  const id = formatId('reminder', await tx.nextNumber('reminder'));
  const jobId = schedule.kind === 'cron' ? fireJobId(id) : fireJobId(id, 1);
  const at = by.now.toISOString();
  const r: ReminderRecord = {
    id,
    channel: input.channel,
    text: input.text,
    schedule,
    state: 'active',
    ...(input.runbook ? { runbook: input.runbook } : {}),
    ...(input.owner ? { owner: input.owner } : {}),
    ...(input.decision ? { decision: input.decision } : {}),
    createdBy: by.name,
    createdAt: at,
    updatedAt: at,
    jobId,
    nextAt: firstAt.toISOString(),
    fired: 0,
    firings: [],
  };
  await scheduleFire(ops, tx, r, firstAt);
  await tx.put('reminder', r);
  tx.audit(by.audit('reminder.create', id, `created ${id} for ${r.channel}: ${r.text}`));
  return r;
}

/** Puts the reminder's next firing on the scheduler under `r.jobId`. */
export async function scheduleFire(ops: Ops, tx: Tx, r: ReminderRecord, at: Date): Promise<void> {
  const payload = { reminder: r.id };
  if (r.schedule.kind === 'cron') {
    await ops.scheduler.schedule(tx, { id: r.jobId!, type: FIRE_JOB, cron: r.schedule.cron, tz: r.schedule.tz, at, payload });
  } else {
    await ops.scheduler.schedule(tx, { id: r.jobId!, type: FIRE_JOB, at, payload });
  }
}

export function checkRunbook(ops: Ops, name: string): void {
  if (ops.config.runbooks[name]) return;
  const known = Object.keys(ops.config.runbooks);
  throw badInput(`There is no runbook "${name}"; ${known.length > 0 ? `the runbooks are ${known.join(', ')}` : 'the config lists none'}.`);
}
