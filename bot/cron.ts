import { DateTime } from 'luxon';
import { badInput } from './errors.js';
import { assertTimeZone, zonedInstant, zonedInstants } from './time.js';

/**
 * Classic five-field cron (minute hour day-of-month month day-of-week), as Vixie cron reads it:
 * names (JAN, MON), ranges, lists and steps; when both day fields are restricted (neither starts
 * with `*`), a day matches if either does. Computed here because node-cron ANDs the day fields.
 * Also the forms croner and cron-parser users write: `L` (last day of the month) in the day of
 * month, `1#1` (first Monday), `5#L` and `5L` (last Friday) in the day of week.
 *
 * Daylight saving as ISC (Vixie) cron handles it. A job whose minute or hour field starts with
 * `*` is a "wildcard" job: it runs at every matching wall-clock minute that happens, so twice
 * through a repeated autumn hour and not at all for minutes a spring gap skips. Any other job
 * is "fixed-time": a slot the gap skips runs at the first instant after it, and a slot in the
 * repeated hour runs at its first occurrence only.
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

/** `1#1` (n 1-5) or `5#L` / `5L` (n -1): the nth, or last, such weekday of the month. */
interface NthWeekday {
  weekday: number;
  n: number;
}

interface Schedule {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  lastDay: boolean;
  months: Set<number>;
  weekdays: Set<number>;
  nthWeekdays: NthWeekday[];
  dayStar: boolean;
  weekdayStar: boolean;
  wildcard: boolean;
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
  if (schedule.wildcard && changesOffset(day)) return firstWildcardRun(schedule, day, tz, after);
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      if (hour * 60 + minute < earliest) continue;
      const at = zonedInstant({ year: day.year, month: day.month, day: day.day, hour, minute }, tz);
      if (at.getTime() > after.getTime()) return at;
    }
  }
  return undefined;
}

function changesOffset(day: DateTime): boolean {
  return day.startOf('day').offset !== day.endOf('day').offset;
}

/**
 * On a day the clocks change, a wildcard job runs at every instant whose wall time matches: a
 * slot in the repeated hour twice, a slot in the gap never. The earliest such instant after `after`.
 */
function firstWildcardRun(schedule: Schedule, day: DateTime, tz: string, after: Date): Date | undefined {
  let best: number | undefined;
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      for (const at of zonedInstants({ year: day.year, month: day.month, day: day.day, hour, minute }, tz)) {
        if (at > after.getTime() && (best === undefined || at < best)) best = at;
      }
    }
  }
  return best === undefined ? undefined : new Date(best);
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
  const dom = s.days.has(day.day) || (s.lastDay && day.day === day.daysInMonth);
  const dow = s.weekdays.has(day.weekday % 7) || s.nthWeekdays.some((w) => nthMatches(w, day));
  if (s.dayStar || s.weekdayStar) return dom && dow;
  return dom || dow;
}

function nthMatches(w: NthWeekday, day: DateTime): boolean {
  if (day.weekday % 7 !== w.weekday) return false;
  if (w.n === -1) return day.day + 7 > (day.daysInMonth ?? 31);
  return Math.ceil(day.day / 7) === w.n;
}

function parseCron(expr: string): Schedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw badInput(`"${expr}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${HELP}`);
  }
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const days = splitSpecial(dom, (part) => {
    if (!/L/i.test(part)) return undefined;
    if (part.toUpperCase() === 'L') return true;
    throw badField(part, FIELDS[2]!, expr);
  });
  const weekdays = splitSpecial(dow, (part) => parseNthWeekday(part, expr));
  return {
    minutes: parseField(minute, FIELDS[0]!, expr),
    hours: parseField(hour, FIELDS[1]!, expr),
    days: new Set(days.plain.length > 0 ? parseField(days.plain.join(','), FIELDS[2]!, expr) : []),
    lastDay: days.special.length > 0,
    months: new Set(parseField(month, FIELDS[3]!, expr)),
    weekdays: new Set((weekdays.plain.length > 0 ? parseField(weekdays.plain.join(','), FIELDS[4]!, expr) : []).map((d) => d % 7)),
    nthWeekdays: weekdays.special,
    dayStar: dom.startsWith('*'),
    weekdayStar: dow.startsWith('*'),
    // As ISC cron decides it: from the first character of the minute and hour fields.
    wildcard: minute.startsWith('*') || hour.startsWith('*'),
  };
}

/** Separates a field's list items that `special` reads from the plain ones. */
function splitSpecial<T>(field: string, special: (part: string) => T | undefined): { plain: string[]; special: T[] } {
  const out: { plain: string[]; special: T[] } = { plain: [], special: [] };
  for (const part of field.split(',')) {
    const read = special(part);
    if (read === undefined) out.plain.push(part);
    else out.special.push(read);
  }
  return out;
}

/** `MON#1`, `1#1` … `1#5`, `5#L`, `5L`; undefined for anything else. */
function parseNthWeekday(part: string, expr: string): NthWeekday | undefined {
  const m = /^([A-Za-z]{3}|\d)(?:#([1-5]|L)|(L))$/i.exec(part);
  if (!m) {
    if (/[#L]/i.test(part) && !/^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(part)) {
      throw badField(part, FIELDS[4]!, expr);
    }
    return undefined;
  }
  const weekday = parseValue(m[1]!, FIELDS[4]!, expr) % 7;
  const n = m[3] || m[2]!.toUpperCase() === 'L' ? -1 : Number(m[2]);
  return { weekday, n };
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

const EXTRA: Record<string, string> = {
  'day of month': ', or L for the last day',
  'day of week': ', or 1#1 for the first Monday and 5#L for the last Friday',
};

function badField(part: string, spec: FieldSpec, expr: string) {
  const range = (spec.names ? `${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names.at(-1)}` : `${spec.min}-${spec.max}`) + (EXTRA[spec.name] ?? '');
  return badInput(`"${part}" is not a valid ${spec.name} in the cron expression "${expr}"; use ${range}.`);
}
