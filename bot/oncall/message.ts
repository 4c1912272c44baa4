import { DateTime } from 'luxon';
import { formatTime } from '../time.js';
import type { Schedule } from './schedules.js';
import type { OnCall, Segment } from './who.js';

/** `Mon 02 Mar 09:00`: short enough for a table, in the schedule's zone. */
export function shortTime(at: Date, tz: string): string {
  return DateTime.fromJSDate(at, { zone: tz }).toFormat('ccc dd LLL HH:mm');
}

export function personLabel(onCall: OnCall | undefined): string {
  if (!onCall) return 'nobody (gap)';
  return onCall.override ? `${onCall.person} (${onCall.override})` : onCall.person;
}

/** One level's line in `oncall`: who, and until when. */
export function nowLine(schedule: Schedule, level: string, segment: Segment): string {
  return `${level}: ${personLabel(segment.onCall)} until ${formatTime(segment.end, schedule.timezone)}`;
}

/** The rows of `oncall schedule`: one per stretch of time, with who holds it. */
export function tableRows(schedule: Schedule, segments: readonly Segment[]): string[] {
  const tz = schedule.timezone;
  return segments.map((s) => `  ${shortTime(s.start, tz)} → ${shortTime(s.end, tz)}  ${personLabel(s.onCall)}`);
}
