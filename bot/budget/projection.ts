import { DateTime } from 'luxon';

export interface MonthProgress {
  /** `2026-03` */
  month: string;
  /** How much of the month has passed, 0 to 1. */
  elapsed: number;
  daysInMonth: number;
}

/** Where `now` is in its month, in the team's time zone. */
export function monthProgress(now: Date, tz: string): MonthProgress {
  const t = DateTime.fromJSDate(now, { zone: tz });
  const start = t.startOf('month');
  const end = start.plus({ months: 1 });
  return { month: start.toFormat('yyyy-MM'), elapsed: (t.toMillis() - start.toMillis()) / (end.toMillis() - start.toMillis()), daysInMonth: start.daysInMonth ?? 30 };
}

/** The month's total if spending goes on at the rate so far; the spend itself in the first hour. */
export function projectMonth(spend: number, progress: MonthProgress): number {
  const hour = 1 / (progress.daysInMonth * 24);
  return progress.elapsed < hour ? spend : spend / progress.elapsed;
}

export const THRESHOLDS = [80, 100] as const;

/** The thresholds (percent of the limit) the projection has reached. */
export function reached(projection: number, limit: number): number[] {
  return THRESHOLDS.filter((t) => projection >= (limit * t) / 100);
}

export function money(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${currency}`;
}
