import * as chrono from 'chrono-node';
import { DateTime, IANAZone } from 'luxon';
import { badInput } from './errors.js';

export { formatDuration, formatRelative, formatTime } from './time-format.js';

/** The one time grammar every command uses: durations, instants and wall-clock times in a zone. */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `30m`, `2h`, `1d`, `1w`, `90s`, `1h30m` → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const parts = /^(?:\d+[smhdw])+$/.test(trimmed) ? [...trimmed.matchAll(/(\d+)([smhdw])/g)] : [];
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit!]!, 0);
  if (ms <= 0) throw badInput(`'${text}' is not a duration; use 30m, 2h, 1d or 1w.`);
  return ms;
}

/** Throws a UserError unless `tz` is an IANA time zone luxon knows (`Europe/Berlin`, `UTC`). */
export function assertTimeZone(tz: string): void {
  if (!IANAZone.isValidZone(tz)) {
    throw badInput(`'${tz}' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC.`);
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/**
 * The instant a wall-clock time in `tz` names. A time skipped by a spring-forward change
 * resolves to the first instant after the gap; a time repeated in autumn to its first occurrence.
 */
export function zonedInstant(wall: WallTime, tz: string): Date {
  const zone = IANAZone.create(tz);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  const [first] = instantsOf(asUtc, zone);
  return new Date(first ?? firstInstantAtOrAfter(asUtc, zone));
}

/**
 * Every instant (ms) a wall-clock time in `tz` names, earliest first: none in a spring-forward
 * gap, two in a repeated autumn hour, else one.
 */
export function zonedInstants(wall: WallTime, tz: string): number[] {
  return instantsOf(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0), IANAZone.create(tz));
}

function instantsOf(asUtc: number, zone: IANAZone): number[] {
  // The offset can only be one of those in force a day either side of the wall time.
  const offsets = new Set([zone.offset(asUtc - 86_400_000), zone.offset(asUtc + 86_400_000)]);
  return [...offsets]
    .map((offset) => asUtc - offset * 60_000)
    .filter((ts) => zone.offset(ts) * 60_000 + ts === asUtc)
    .sort((a, b) => a - b);
}

/** In a gap: binary search (to the second) for the first instant whose wall time reaches `asUtc`. */
function firstInstantAtOrAfter(asUtc: number, zone: IANAZone): number {
  const wallOf = (ts: number) => ts + zone.offset(ts) * 60_000;
  let lo = asUtc - 36 * 3_600_000;
  let hi = asUtc + 36 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (wallOf(mid) >= asUtc) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface ParseTimeOptions {
  /** Zone for times written without an offset and for natural phrases. */
  tz: string;
  /** Reference for relative phrases (`tomorrow 9am`, `in 2 hours`). */
  now: Date;
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 with an offset, `YYYY-MM-DD HH:MM` as wall time in `tz`, or a phrase like `tomorrow 9am`. */
export function parseTime(text: string, options: ParseTimeOptions): Date {
  assertTimeZone(options.tz);
  const trimmed = text.trim();
  if (OFFSET_ISO.test(trimmed)) return parseOffsetIso(trimmed);
  const local = LOCAL_ISO.exec(trimmed);
  if (local) return parseLocalIso(trimmed, local, options.tz);
  return parsePhrase(trimmed, options);
}

function parseOffsetIso(text: string): Date {
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid) throw notATime(text);
  return parsed.toJSDate();
}

function parseLocalIso(text: string, m: RegExpExecArray, tz: string): Date {
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const wall = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
  // luxon rejects 2026-02-30 or 25:00; the zone is irrelevant to that check.
  if (!DateTime.fromObject(wall, { zone: 'UTC' }).isValid) throw notATime(text);
  return zonedInstant(wall, tz);
}

function parsePhrase(text: string, { tz, now }: ParseTimeOptions): Date {
  const offset = IANAZone.create(tz).offset(now.getTime());
  const [result] = chrono.parse(text, { instant: now, timezone: offset }, { forwardDate: true });
  if (!result || result.text.trim().length !== text.length) throw notATime(text);
  const start = result.start;
  // A relative phrase (`in 2 hours`) names an instant; anything else names a wall time in tz.
  if (start.isCertain('timezoneOffset')) return start.date();
  const get = (part: chrono.Component) => start.get(part) ?? 0;
  return zonedInstant(
    {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
    },
    tz,
  );
}

function notATime(text: string) {
  return badInput(`'${text}' is not a time I understand; try 2026-11-22 09:00, tomorrow 9am or in 2 hours.`);
}
