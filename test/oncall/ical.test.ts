import { describe, expect, it } from 'vitest';
import { scheduleSchema } from '../../bot/oncall/config-schema.js';
import { onCallCalendar } from '../../bot/oncall/ical-export.js';
import { scheduleFromIcal } from '../../bot/oncall/ical-import.js';
import { toSchedule } from '../../bot/oncall/schedules.js';
import { timeline } from '../../bot/oncall/who.js';

const PEOPLE = [{ name: 'alice' }, { name: 'bob' }, { name: 'carol', displayName: 'Carol Jones' }];

const api = toSchedule(
  'api',
  scheduleSchema.parse({
    timezone: 'Europe/Berlin',
    services: ['api'],
    layers: [
      { level: 'primary', people: ['alice', 'bob', 'carol'], shift: 'weekly', start: '2026-03-02', handoff: '09:00' },
      { level: 'secondary', people: ['bob', 'carol', 'alice'], shift: 'weekly', start: '2026-03-02', handoff: '09:00' },
    ],
  }),
  'UTC',
  'config',
);

const shiftsOf = (schedule: ReturnType<typeof toSchedule>, level: string, from: string, to: string) =>
  timeline(schedule, level, new Date(from), new Date(to), []).map((s) => `${s.start.toISOString()} ${s.onCall?.person ?? '-'}`);

describe('an iCalendar round trip', () => {
  it('exports a schedule, imports it again, and gets the same shifts, across the March DST change', () => {
    const ics = onCallCalendar('api', [{ schedule: api, overrides: [] }], { from: new Date('2026-03-04T10:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
    expect(ics).toContain('SUMMARY:alice on call (api primary)');
    // The zone the events name is described once, with its summer and winter rules.
    expect(ics.match(/^BEGIN:VTIMEZONE$/gm)).toHaveLength(1);
    const zone = /BEGIN:VTIMEZONE\r\n([\s\S]*?)END:VTIMEZONE/.exec(ics)![1]!;
    expect(zone).toMatch(/^TZID:Europe\/Berlin\r$/m);
    expect(zone).toMatch(/BEGIN:DAYLIGHT\r\nTZNAME:CEST\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
    expect(zone).toMatch(/BEGIN:STANDARD\r\nTZNAME:CET\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    expect(ics.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(ics.indexOf('BEGIN:VEVENT'));
    for (const level of ['primary', 'secondary']) {
      const { schedule, shifts } = scheduleFromIcal(ics, { people: PEOPLE, tz: 'Europe/Berlin', level });
      expect(shifts).toBe(9);
      const imported = toSchedule('api-imported', scheduleSchema.parse(schedule), 'UTC', 'chat');
      expect(shiftsOf(imported, level, '2026-03-02T08:00:00Z', '2026-05-04T07:00:00Z')).toEqual(shiftsOf(api, level, '2026-03-02T08:00:00Z', '2026-05-04T07:00:00Z'));
      // And beyond what was exported: the rotation goes on.
      expect(shiftsOf(imported, level, '2026-10-01T00:00:00Z', '2026-11-15T00:00:00Z')).toEqual(shiftsOf(api, level, '2026-10-01T00:00:00Z', '2026-11-15T00:00:00Z'));
    }
  });

  it('describes every zone a feed spans; UTC times need none', () => {
    const nyc = toSchedule('web', scheduleSchema.parse({ timezone: 'America/New_York', layers: [{ people: ['carol'], shift: 'daily', start: '2026-03-02' }] }), 'UTC', 'config');
    const utc = toSchedule('batch', scheduleSchema.parse({ timezone: 'UTC', layers: [{ people: ['carol'], shift: 'daily', start: '2026-03-02' }] }), 'UTC', 'config');
    const window = { from: new Date('2026-03-04T10:00:00Z'), to: new Date('2026-03-20T00:00:00Z') };
    const ics = onCallCalendar('carol', [api, nyc, utc].map((schedule) => ({ schedule, overrides: [] })), window, 'carol');
    expect([...ics.matchAll(/^TZID:(.*)\r$/gm)].map((m) => m[1])).toEqual(['Europe/Berlin', 'America/New_York']);
    expect(ics).toMatch(/^DTSTART;TZID=America\/New_York:\d{8}T090000\r$/m);
    expect(ics).toMatch(/^DTSTART:\d{8}T090000Z\r$/m);
  });

  it('a person feed holds only their shifts', () => {
    const ics = onCallCalendar('bob', [{ schedule: api, overrides: [] }], { from: new Date('2026-03-04T10:00:00Z'), to: new Date('2026-03-25T00:00:00Z') }, 'bob');
    const summaries = [...ics.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1]!.trim());
    expect(summaries).toEqual(['bob on call (api primary)', 'bob on call (api secondary)', 'bob on call (api secondary)']);
  });
});

/** A rotation as a team's calendar keeps it: one weekly event every three weeks per person, in Berlin time. */
const RECURRING = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//On call//EN',
  ...[
    ['alice', '20260302T090000', '20260309T090000'],
    ['bob', '20260309T090000', '20260316T090000'],
    ['Carol Jones', '20260316T090000', '20260323T090000'],
  ].flatMap(([who, start, end], i) => [
    'BEGIN:VEVENT',
    `UID:rotation-${i}@example.com`,
    'DTSTAMP:20260301T000000Z',
    `SUMMARY:On call: ${who}`,
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${end}`,
    'RRULE:FREQ=WEEKLY;INTERVAL=3',
    'END:VEVENT',
  ]),
  'END:VCALENDAR',
].join('\r\n');

describe('importing a recurring rotation', () => {
  it('expands the RRULEs and finds the rotation: who, in what order, how long, when', () => {
    const { schedule } = scheduleFromIcal(RECURRING, { people: PEOPLE, tz: 'UTC', services: ['api'] });
    expect(schedule.layers).toEqual([{ level: 'primary', people: ['alice', 'bob', 'carol'], shift: 'weekly', start: '2026-03-02', handoff: '09:00', restrictions: [] }]);
    // The zone of the events wins over the fallback: after 29 March the handoff is 07:00 UTC.
    expect(schedule.timezone).toBe('Europe/Berlin');
    const imported = toSchedule('imported', scheduleSchema.parse(schedule), 'UTC', 'chat');
    expect(shiftsOf(imported, 'primary', '2026-03-23T08:00:00Z', '2026-04-13T07:00:00Z')).toEqual([
      '2026-03-23T08:00:00.000Z alice',
      '2026-03-30T07:00:00.000Z bob',
      '2026-04-06T07:00:00.000Z carol',
    ]);
  });

  it('refuses a calendar that is not one rotation, saying where', () => {
    const gap = RECURRING.replace('DTSTART;TZID=Europe/Berlin:20260309T090000', 'DTSTART;TZID=Europe/Berlin:20260309T100000');
    expect(() => scheduleFromIcal(gap, { people: PEOPLE, tz: 'Europe/Berlin' })).toThrow(/not one rotation: there is a gap between 2026-03-09T08:00:00.000Z and 2026-03-09T09:00:00.000Z \(alice, then bob\)/);
    const stranger = RECURRING.replace('SUMMARY:On call: alice', 'SUMMARY:On call: zed');
    expect(() => scheduleFromIcal(stranger, { people: PEOPLE, tz: 'Europe/Berlin' })).toThrow('The event "On call: zed" names none of the people dayops knows (alice, bob, carol).');
    expect(() => scheduleFromIcal('not a calendar', { people: PEOPLE, tz: 'UTC' })).toThrow(/^That is not an iCalendar file/);
  });
});
