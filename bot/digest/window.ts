import type { DigestPeriod } from './config-schema.js';

const DAY_MS = 86_400_000;

/** A month is the last 30 days, so months compare with each other. */
const PERIOD_DAYS: Record<DigestPeriod, number> = { day: 1, week: 7, month: 30 };

/** The span a digest reports on: the period that ended now; `next` is as long, from now on. */
export interface DigestWindow {
  period: DigestPeriod;
  from: Date;
  to: Date;
  /** The end of the look-ahead for upcoming maintenance and reminders. */
  next: Date;
  days: number;
}

export function digestWindow(period: DigestPeriod, now: Date): DigestWindow {
  const days = PERIOD_DAYS[period];
  return {
    period,
    from: new Date(now.getTime() - days * DAY_MS),
    to: now,
    next: new Date(now.getTime() + days * DAY_MS),
    days,
  };
}

/** Whether an ISO time lies in [from, to). */
export function within(at: string | undefined, from: Date, to: Date): boolean {
  if (at === undefined) return false;
  const t = Date.parse(at);
  return t >= from.getTime() && t < to.getTime();
}
