import { DateTime } from 'luxon';

/** Locales whose ICU data name different zones (CET in en-GB, EST in en-US, IST in en-IN, AEST in en-AU). */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/**
 * `2026-11-22 09:00 CET`: the wall time in `tz` with the zone's abbreviation, or its offset;
 * `2026-11-22 09:00:41 CET` with `seconds`, for timelines where order within a minute matters.
 */
export function formatTime(date: Date, tz: string, options: { seconds?: boolean } = {}): string {
  const wall = wallTime(date, tz);
  if (!wall) {
    const local = DateTime.fromJSDate(date, { zone: tz });
    return `${local.toFormat(options.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm')} ${lookUpZoneLabel(local)}`;
  }
  const { text, seconds, offsetMinutes } = wall;
  return `${text}${options.seconds ? `:${seconds}` : ''} ${zoneLabel(date, tz, offsetMinutes)}`;
}

/**
 * One Intl formatter per zone, made once: building a zoned luxon DateTime for every time costs
 * about a tenth of a millisecond, which a page listing hundreds of times (the board) feels.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(tz: string): Intl.DateTimeFormat | null {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return f;
}

function wallTime(date: Date, tz: string): { text: string; seconds: string; offsetMinutes: number } | undefined {
  const f = formatterFor(tz);
  if (!f || Number.isNaN(date.getTime())) return undefined;
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [number, number, number, number, number, number];
  if ([y, mo, d, h, mi, s].some((n) => !Number.isFinite(n)) || (p.year ?? '').length !== 4) return undefined;
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  return { text: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`, seconds: p.second ?? '00', offsetMinutes };
}

/** A zone's label depends only on the zone and its offset then; ICU is asked once for each. */
const labels = new Map<string, string>();

function zoneLabel(date: Date, tz: string, offsetMinutes: number): string {
  const key = `${tz}|${offsetMinutes}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = lookUpZoneLabel(DateTime.fromJSDate(date, { zone: tz }));
    if (labels.size < 1000) labels.set(key, label);
  }
  return label;
}

function lookUpZoneLabel(local: DateTime): string {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = local.setLocale(locale).toFormat('ZZZZ');
    if (!/^GMT[+-]/.test(name)) return name;
  }
  return local.toFormat('ZZ');
}

const UNITS: [name: string, ms: number][] = [
  ['week', 604_800_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "in 5 minutes" / "2 hours ago", in the largest whole unit; under a second is "now". */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const unit = UNITS.find(([, ms]) => abs >= ms);
  if (!unit) return 'now';
  const n = Math.floor(abs / unit[1]);
  const phrase = `${n} ${unit[0]}${n === 1 ? '' : 's'}`;
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** `1h 30m`, `2d 4h`, `45s`: at most the two largest non-zero units. */
export function formatDuration(ms: number): string {
  const short: [string, number][] = [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [suffix, size] of short) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n}${suffix}`);
    else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
