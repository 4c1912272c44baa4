import { DateTime } from 'luxon';
import { badInput } from './errors.js';
import { assertTimeZone, zonedInstant } from './time.js';

/**
 * Classic five-field cron (minute hour day-of-month month day-of-week), as Vixie cron reads it:
 * names (JAN, MON), ranges, lists and steps; when both day fields are restricted (neither starts
 * with `*`), a day matches if either does. Computed here because node-cron ANDs the day fields.
 *
 * Each wall-clock slot fires at most once: a slot skipped by spring-forward fires at the first
 * instant after the gap, a slot in a repeated autumn hour at its first occurrence only.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

interface Schedule {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayStar: boolean;
  weekdayStar: boolean;
}

const HELP = 'use five fields: minute hour day-of-month month day-of-week, like "0 9 * * MON-FRI".';
/** Far enough for any schedule that ever fires (a leap day on a given weekday recurs within 28 years). */
const SEARCH_DAYS = 366 * 30;

/** Throws a UserError with a sentence that says what is wrong with `expr`. */
export function validateCron(expr: string): void {
  const schedule = parseCron(expr);
  const probe = DateTime.fromISO('2026-01-01T00:00:00Z', { zone: 'UTC' });
  if (!firstMatchingDay(schedule, probe)) throw badInput(`The cron expression "${expr}" never runs; check its day and month.`);
}

/** The first run of `expr` in `tz` strictly after `after`. */
export function nextRun(expr: string, tz: string, after: Date): Date {
  assertTimeZone(tz);
  const schedule = parseCron(expr);
  const start = DateTime.fromJSDate(after, { zone: tz }).startOf('minute');
  let day: DateTime | undefined = start.startOf('day');
  for (let i = 0; i < SEARCH_DAYS && day; i++) {
    day = firstMatchingDay(schedule, day);
    if (!day) break;
    const earliest = day.hasSame(start, 'day') ? start.hour * 60 + start.minute : 0;
    const found = firstSlotAfter(schedule, day, tz, after, earliest);
    if (found) return found;
    day = day.plus({ days: 1 });
  }
  throw badInput(`The cron expression "${expr}" never runs; check its day and month.`);
}

/** Slots before `earliest` (minute of the day) were due before `after` and are skipped unresolved. */
function firstSlotAfter(schedule: Schedule, day: DateTime, tz: string, after: Date, earliest: number): Date | undefined {
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      if (hour * 60 + minute < earliest) continue;
      const at = zonedInstant({ year: day.year, month: day.month, day: day.day, hour, minute }, tz);
      if (at.getTime() > after.getTime()) return at;
    }
  }
  return undefined;
}

function firstMatchingDay(schedule: Schedule, from: DateTime): DateTime | undefined {
  let day = from;
  for (let i = 0; i < SEARCH_DAYS; i++, day = day.plus({ days: 1 })) {
    if (dayMatches(schedule, day)) return day;
  }
  return undefined;
}

function dayMatches(s: Schedule, day: DateTime): boolean {
  if (!s.months.has(day.month)) return false;
  const dom = s.days.has(day.day);
  const dow = s.weekdays.has(day.weekday % 7);
  if (s.dayStar || s.weekdayStar) return dom && dow;
  return dom || dow;
}

function parseCron(expr: string): Schedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw badInput(`"${expr}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${HELP}`);
  }
  const [minutes, hours, days, months, weekdays] = fields.map((f, i) => parseField(f, FIELDS[i]!, expr));
  return {
    minutes: minutes!,
    hours: hours!,
    days: new Set(days),
    months: new Set(months),
    weekdays: new Set(weekdays!.map((d) => d % 7)),
    dayStar: fields[2]!.startsWith('*'),
    weekdayStar: fields[4]!.startsWith('*'),
  };
}

function parseField(text: string, spec: FieldSpec, expr: string): number[] {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    const step = m?.[2] === undefined ? 1 : Number(m[2]);
    if (!m || step < 1) throw badField(part, spec, expr);
    const [from, to] = parseRange(m[1]!, spec, expr, m[2] !== undefined);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseRange(text: string, spec: FieldSpec, expr: string, stepped: boolean): [number, number] {
  if (text === '*') return [spec.min, spec.name === 'day of week' ? 6 : spec.max];
  const [a, b, ...rest] = text.split('-');
  if (rest.length > 0 || a === undefined) throw badField(text, spec, expr);
  const from = parseValue(a, spec, expr);
  // `5/15` means from 5 to the end, stepping 15.
  const to = b === undefined ? (stepped ? spec.max : from) : parseValue(b, spec, expr);
  if (to < from) throw badField(text, spec, expr);
  return [from, to];
}

function parseValue(text: string, spec: FieldSpec, expr: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (spec.name === 'month' ? 1 : 0);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= spec.min && n <= spec.max)) throw badField(text, spec, expr);
  return n;
}

function badField(part: string, spec: FieldSpec, expr: string) {
  const range = spec.names ? `${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names.at(-1)}` : `${spec.min}-${spec.max}`;
  return badInput(`"${part}" is not a valid ${spec.name} in the cron expression "${expr}"; use ${range}.`);
}
