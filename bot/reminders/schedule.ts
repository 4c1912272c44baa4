import type { ReminderSchedule } from '../../data/records/reminder.js';
import { nextRun, validateCron } from '../cron.js';
import { badInput } from '../errors.js';
import { assertTimeZone, formatDuration, formatTime, parseDuration, parseTime } from '../time.js';

export interface ScheduleFlags {
  cron?: string;
  every?: string;
  at?: string;
  tz?: string;
}

export interface PlannedSchedule {
  schedule: ReminderSchedule;
  firstAt: Date;
}

/**
 * Reads `--cron` (with `--tz`), `--every` (optionally starting `--at`) or `--at` alone. Every
 * mistake is a UserError of one sentence, thrown before anything is stored.
 */
export function planSchedule(flags: ScheduleFlags, defaultTz: string, now: Date): PlannedSchedule {
  const tz = flags.tz ?? defaultTz;
  assertTimeZone(tz);
  if (flags.cron !== undefined) {
    if (flags.every !== undefined || flags.at !== undefined) throw badInput('Give either --cron, or --every (with an optional --at start), or --at; not both.');
    validateCron(flags.cron);
    return { schedule: { kind: 'cron', cron: flags.cron, tz }, firstAt: nextRun(flags.cron, tz, now) };
  }
  const at = flags.at === undefined ? undefined : parseTime(flags.at, { tz, now });
  if (at && at.getTime() <= now.getTime()) throw badInput(`${formatTime(at, tz)} is in the past; give a time still to come.`);
  if (flags.every !== undefined) {
    const everyMs = parseDuration(flags.every);
    if (everyMs < 60_000) throw badInput('A reminder can repeat at most once a minute; use --every 1m or longer.');
    return { schedule: { kind: 'every', everyMs, text: flags.every }, firstAt: at ?? new Date(now.getTime() + everyMs) };
  }
  if (at) return { schedule: { kind: 'at', at: at.toISOString() }, firstAt: at };
  throw badInput('Say when: --cron "0 9 * * MON", --every 1w or --at "2026-12-01 09:00".');
}

/** The run after `dueAt` that is still to come at `now`: a missed run is not replayed. */
export function nextAfter(schedule: ReminderSchedule, dueAt: Date, now: Date): Date | undefined {
  const after = new Date(Math.max(dueAt.getTime(), now.getTime()));
  if (schedule.kind === 'cron') return nextRun(schedule.cron, schedule.tz, after);
  if (schedule.kind === 'at') return undefined;
  const missed = Math.floor((after.getTime() - dueAt.getTime()) / schedule.everyMs) + 1;
  return new Date(dueAt.getTime() + missed * schedule.everyMs);
}

export function describeSchedule(schedule: ReminderSchedule, tz: string): string {
  if (schedule.kind === 'cron') return `cron "${schedule.cron}" (${schedule.tz})`;
  if (schedule.kind === 'every') return `every ${formatDuration(schedule.everyMs)}`;
  return `once at ${formatTime(new Date(schedule.at), tz)}`;
}
