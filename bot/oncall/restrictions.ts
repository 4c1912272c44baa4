import { DateTime } from 'luxon';
import { zonedInstant } from '../time.js';
import { expandDays, type RestrictionConfig } from './config-schema.js';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls inside one of the windows (no windows: always). Days are the day a window opens. */
export function withinRestrictions(restrictions: readonly RestrictionConfig[], tz: string, at: Date): boolean {
  if (restrictions.length === 0) return true;
  const local = DateTime.fromJSDate(at, { zone: tz });
  const minute = local.hour * 60 + local.minute;
  const yesterday = local.minus({ days: 1 }).weekday;
  return restrictions.some((r) => {
    const days = r.days.flatMap((d) => expandDays(d) ?? []);
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    if (from < to) return days.includes(local.weekday) && minute >= from && minute < to;
    // Past midnight (or the whole day when to equals from): the evening of its day, the morning after.
    return (days.includes(local.weekday) && minute >= from) || (days.includes(yesterday) && minute < to);
  });
}

/** Instants in [from, to) where a window opens or closes: where coverage may change. */
export function restrictionEdges(restrictions: readonly RestrictionConfig[], tz: string, from: Date, to: Date): Date[] {
  if (restrictions.length === 0) return [];
  const out: Date[] = [];
  const last = DateTime.fromJSDate(to, { zone: tz }).plus({ days: 1 });
  for (let day = DateTime.fromJSDate(from, { zone: tz }).minus({ days: 1 }).startOf('day'); day < last; day = day.plus({ days: 1 })) {
    for (const r of restrictions) {
      for (const hhmm of [r.from, r.to]) {
        const at = zonedInstant({ year: day.year, month: day.month, day: day.day, hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) }, tz);
        if (at >= from && at < to) out.push(at);
      }
    }
  }
  return out;
}
