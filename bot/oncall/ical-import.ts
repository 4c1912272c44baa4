import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { badInput } from '../errors.js';
import { zonedInstant, type WallTime } from '../time.js';
import type { ScheduleConfig } from './config-schema.js';
import { RRule } from './rrule.js';

export interface ImportOptions {
  people: readonly { name: string; displayName?: string }[];
  /** Zone for floating times and unknown TZIDs; the events' own zone wins. */
  tz: string;
  level?: string;
  services?: string[];
  /** Recurring events are expanded this far from their start. */
  horizonDays?: number;
}

interface Occurrence {
  person: string;
  tz: string;
  start: Date;
  end: Date;
}

export interface ImportResult {
  schedule: ScheduleConfig;
  /** How many shifts the calendar held (recurrences expanded). */
  shifts: number;
}

/**
 * Turns a rotation exported as iCalendar (one event per shift, or one recurring event per person
 * with an RRULE) into a schedule: the shifts must follow each other without gaps, be of one
 * length, and go round the same people in the same order.
 */
export function scheduleFromIcal(text: string, options: ImportOptions): ImportResult {
  const level = options.level ?? 'primary';
  const events = readEvents(text);
  const withLevel = events.filter((e) => e.getFirstPropertyValue('categories') !== null);
  const chosen = withLevel.some((e) => categoriesOf(e).includes(level)) ? withLevel.filter((e) => categoriesOf(e).includes(level)) : events;
  const occurrences = chosen.flatMap((e) => occurrencesOf(e, options)).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (occurrences.length === 0) throw badInput('The calendar has no events to import.');
  // The events' own zone is the schedule's: that is where the handoff keeps its wall time.
  const tz = occurrences[0]!.tz;
  const shift = shiftOf(occurrences, tz);
  const people = cycleOf(occurrences.map((o) => o.person));
  const first = DateTime.fromJSDate(occurrences[0]!.start, { zone: tz });
  return {
    schedule: {
      timezone: tz,
      services: options.services ?? [],
      routes: [],
      layers: [{ level, people, shift, start: first.toFormat('yyyy-MM-dd'), handoff: first.toFormat('HH:mm'), restrictions: [] }],
    },
    shifts: occurrences.length,
  };
}

function readEvents(text: string): ICAL.Component[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (err) {
    throw badInput(`That is not an iCalendar file: ${(err as Error).message}`);
  }
  // A moved occurrence of a recurring event (RECURRENCE-ID) is not part of the rotation itself.
  return root.getAllSubcomponents('vevent').filter((e) => !e.hasProperty('recurrence-id'));
}

function categoriesOf(event: ICAL.Component): string[] {
  return event.getAllProperties('categories').flatMap((p) => p.getValues().map((v) => String(v).toLowerCase()));
}

function occurrencesOf(event: ICAL.Component, options: ImportOptions): Occurrence[] {
  const summary = String(event.getFirstPropertyValue('summary') ?? '');
  const person = personOf(event, options.people);
  if (!person) throw badInput(`The event "${summary}" names none of the people dayops knows (${options.people.map((p) => p.name).join(', ')}).`);
  const startProp = event.getFirstProperty('dtstart');
  if (!startProp) throw badInput(`The event "${summary}" has no start.`);
  const tz = zoneOf(startProp, options.tz);
  const start = wallOf(startProp.getFirstValue() as ICAL.Time);
  const endProp = event.getFirstProperty('dtend');
  const lengthMs = endProp
    ? zonedInstant(wallOf(endProp.getFirstValue() as ICAL.Time), zoneOf(endProp, options.tz)).getTime() - zonedInstant(start, tz).getTime()
    : ((event.getFirstPropertyValue('duration') as ICAL.Duration | null)?.toSeconds() ?? 0) * 1000;
  if (lengthMs <= 0) throw badInput(`The event "${summary}" ends before it starts.`);
  const rrule = event.getFirstProperty('rrule');
  const starts = rrule ? expand(String(rrule.getFirstValue()), start, options.horizonDays ?? 366) : [start];
  return starts.map((wall) => {
    const at = zonedInstant(wall, tz);
    return { person, tz, start: at, end: endOf(at, wall, lengthMs, start, tz) };
  });
}

/** A shift that lasted whole days at its first occurrence keeps its wall-clock end on the others. */
function endOf(at: Date, wall: WallTime, lengthMs: number, first: WallTime, tz: string): Date {
  const firstStart = zonedInstant(first, tz);
  const firstEnd = DateTime.fromMillis(firstStart.getTime() + lengthMs, { zone: tz });
  const days = Math.round(firstEnd.diff(DateTime.fromJSDate(firstStart, { zone: tz }).startOf('day'), 'days').days);
  const sameClock = firstEnd.hour === first.hour && firstEnd.minute === first.minute;
  if (!sameClock) return new Date(at.getTime() + lengthMs);
  const end = DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day }, { zone: 'UTC' }).plus({ days });
  return zonedInstant({ year: end.year, month: end.month, day: end.day, hour: wall.hour, minute: wall.minute }, tz);
}

/** rrule works on floating wall times here (UTC fields meaning local time), turned into instants afterwards. */
function expand(rule: string, start: WallTime, horizonDays: number): WallTime[] {
  const dtstart = new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute));
  const options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  const recurrence = new RRule({ ...options, dtstart });
  const until = new Date(dtstart.getTime() + horizonDays * 86_400_000);
  return recurrence.between(dtstart, until, true).map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }));
}

function wallOf(time: ICAL.Time): WallTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute };
}

function zoneOf(prop: ICAL.Property, fallback: string): string {
  const time = prop.getFirstValue() as ICAL.Time;
  if (time.zone?.tzid === 'UTC') return 'UTC';
  const tzid = prop.getParameter('tzid');
  const name = Array.isArray(tzid) ? tzid[0] : tzid;
  return typeof name === 'string' && IANAZone.isValidZone(name) ? name : fallback;
}

/** The person an event is about: a name or display name in its summary, or an attendee's address. */
function personOf(event: ICAL.Component, people: ImportOptions['people']): string | undefined {
  const summary = String(event.getFirstPropertyValue('summary') ?? '').toLowerCase();
  const attendees = event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
  const words = new Set(summary.split(/[^\p{L}\p{N}._-]+/u));
  return people.find((p) => words.has(p.name) || (p.displayName && summary.includes(p.displayName.toLowerCase())) || attendees.some((a) => a.replace(/^mailto:/, '').split('@')[0] === p.name))?.name;
}

function shiftOf(occurrences: readonly Occurrence[], tz: string): string {
  for (let i = 0; i + 1 < occurrences.length; i++) {
    const [a, b] = [occurrences[i]!, occurrences[i + 1]!];
    if (a.end.getTime() !== b.start.getTime()) {
      const what = a.end < b.start ? 'a gap' : 'an overlap';
      throw badInput(`The shifts are not one rotation: there is ${what} between ${a.end.toISOString()} and ${b.start.toISOString()} (${a.person}, then ${b.person}). Import each level separately with --level.`);
    }
  }
  const lengths = new Set(occurrences.map((o) => lengthOf(o, tz)));
  if (lengths.size !== 1) throw badInput(`The shifts are not all the same length (${[...lengths].join(', ')}); dayops rotations have one shift length.`);
  return [...lengths][0]!;
}

function lengthOf(o: Occurrence, tz: string): string {
  const start = DateTime.fromJSDate(o.start, { zone: tz });
  const end = DateTime.fromJSDate(o.end, { zone: tz });
  if (start.toFormat('HH:mm') === end.toFormat('HH:mm')) {
    const days = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
    if (days === 1) return 'daily';
    if (days === 7) return 'weekly';
    return days % 7 === 0 ? `${days / 7}w` : `${days}d`;
  }
  const hours = (o.end.getTime() - o.start.getTime()) / 3_600_000;
  if (!Number.isInteger(hours)) throw badInput(`A shift of ${o.person} lasts ${hours.toFixed(2)} hours; dayops shifts are whole hours or days.`);
  return `${hours}h`;
}

/** The shortest list of people that repeats to give the order seen. */
function cycleOf(order: readonly string[]): string[] {
  for (let n = 1; n <= order.length; n++) {
    if (order.every((p, i) => p === order[i % n])) return order.slice(0, n);
  }
  return [...order];
}
