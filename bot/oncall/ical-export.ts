import ical from 'ical-generator';
import { DateTime } from 'luxon';
import type { OncallOverrideRecord } from '../../data/records/oncall.js';
import { levelsOf, type Schedule } from './schedules.js';
import { vtimezone } from './vtimezone.js';
import { timeline } from './who.js';

export interface FeedWindow {
  from: Date;
  to: Date;
}

export interface FeedSource {
  schedule: Schedule;
  overrides: readonly OncallOverrideRecord[];
}

/**
 * An iCalendar of on-call shifts: one event per stretch someone holds, for every level of the
 * given schedules, only one person's when `person` is set. Event ids are stable, so a calendar
 * app that polls the feed updates shifts in place when an override changes them.
 */
export function onCallCalendar(name: string, sources: readonly FeedSource[], window: FeedWindow, person?: string): string {
  // One VTIMEZONE per zone the events use; no calendar-wide zone, since a person's feed may span several.
  const calendar = ical({ name, prodId: { company: 'dayops', product: 'oncall', language: 'EN' }, timezone: { name: null, generator: vtimezone } });
  for (const { schedule, overrides } of sources) {
    const whole = wholeShifts(schedule, window);
    for (const level of levelsOf(schedule)) {
      for (const s of timeline(schedule, level, whole.from, whole.to, overrides)) {
        if (!s.onCall || (person && s.onCall.person !== person)) continue;
        calendar.createEvent({
          id: `${schedule.name}.${level}.${s.start.toISOString()}@dayops`,
          // Luxon times in the schedule's zone are written as wall times with its TZID.
          start: DateTime.fromJSDate(s.start, { zone: schedule.timezone }),
          end: DateTime.fromJSDate(s.end, { zone: schedule.timezone }),
          summary: `${s.onCall.person} on call (${schedule.name} ${level})`,
          description: s.onCall.override ? `Override ${s.onCall.override}` : `Rotation of ${schedule.name}, ${level}`,
          categories: [{ name: level }],
          stamp: window.from,
          timezone: schedule.timezone,
        });
      }
    }
  }
  return calendar.toString();
}

/** The window widened to the shifts it cuts, so the first and last events are whole shifts. */
function wholeShifts(schedule: Schedule, window: FeedWindow): FeedWindow {
  let from = window.from.getTime();
  let to = window.to.getTime();
  for (const layer of schedule.layers) {
    const first = layer.rotation.shiftAt(window.from);
    const last = layer.rotation.shiftAt(new Date(window.to.getTime() - 1));
    if (first) from = Math.min(from, first.start.getTime());
    if (last) to = Math.max(to, last.end.getTime());
  }
  return { from: new Date(from), to: new Date(to) };
}
