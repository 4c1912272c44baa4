import { DateTime } from 'luxon';

/** Locales whose ICU data name different zones (CET in en-GB, EST in en-US, IST in en-IN, AEST in en-AU). */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/**
 * `2026-11-22 09:00 CET`: the wall time in `tz` with the zone's abbreviation, or its offset;
 * `2026-11-22 09:00:41 CET` with `seconds`, for timelines where order within a minute matters.
 */
export function formatTime(date: Date, tz: string, options: { seconds?: boolean } = {}): string {
  const local = DateTime.fromJSDate(date, { zone: tz });
  return `${local.toFormat(options.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm')} ${zoneLabel(local)}`;
}

function zoneLabel(local: DateTime): string {
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
