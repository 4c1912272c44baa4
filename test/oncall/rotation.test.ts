import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { layerSchema, restrictionSchema } from '../../bot/oncall/config-schema.js';
import { Rotation } from '../../bot/oncall/rotation.js';
import { withinRestrictions } from '../../bot/oncall/restrictions.js';
import { RRule, datetime } from '../../bot/oncall/rrule.js';

/**
 * rrule computes recurrences as floating wall times (UTC fields that mean local time); each is
 * turned into an instant in the zone with luxon, independently of the rotation's own arithmetic.
 */
function rruleBoundaries(freq: number, interval: number, start: [number, number, number, number, number], tz: string, count: number): string[] {
  const rule = new RRule({ freq, interval, dtstart: datetime(...start), count });
  return rule.all().map((d) =>
    DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() },
      { zone: tz },
    ).toUTC().toISO({ suppressMilliseconds: false })!,
  );
}

function rotationBoundaries(shift: string, start: string, handoff: string, tz: string, count: number): string[] {
  const rotation = new Rotation(layerSchema.parse({ people: ['alice', 'bob', 'carol'], shift, start, handoff }), tz);
  return Array.from({ length: count }, (_, k) => rotation.boundary(k).toISOString());
}

describe('shift boundaries agree with rrule across DST changes', () => {
  const cases: [string, string, number, number, [number, number, number, number, number], string][] = [
    ['weekly, Europe/Berlin over the March change', 'weekly', RRule.WEEKLY, 1, [2026, 3, 2, 9, 0], 'Europe/Berlin'],
    ['weekly, Europe/Berlin over the October change', 'weekly', RRule.WEEKLY, 1, [2026, 10, 5, 9, 0], 'Europe/Berlin'],
    ['daily, America/New_York over 8 March', 'daily', RRule.DAILY, 1, [2026, 3, 1, 8, 30], 'America/New_York'],
    ['every 3 days, Australia/Sydney over its April change', '3d', RRule.DAILY, 3, [2026, 3, 20, 18, 0], 'Australia/Sydney'],
    ['fortnightly, America/Los_Angeles over November', '2w', RRule.WEEKLY, 2, [2026, 9, 28, 10, 0], 'America/Los_Angeles'],
  ];
  for (const [name, shift, freq, interval, start, tz] of cases) {
    it(name, () => {
      const [y, m, d, hh, mm] = start;
      const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const handoff = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
      expect(rotationBoundaries(shift, date, handoff, tz, 12)).toEqual(rruleBoundaries(freq, interval, start, tz, 12));
    });
  }

  it('a weekly 09:00 Berlin handoff is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(rotationBoundaries('weekly', '2026-03-23', '09:00', 'Europe/Berlin', 2)).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('a handoff at a time the spring change skips happens at the first instant after the gap', () => {
    expect(rotationBoundaries('daily', '2026-03-28', '02:30', 'Europe/Berlin', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('12h shifts are elapsed time: over the spring change the wall time moves by the hour lost', () => {
    expect(rotationBoundaries('12h', '2026-03-28', '20:00', 'Europe/Berlin', 3)).toEqual([
      '2026-03-28T19:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T19:00:00.000Z',
    ]);
  });
});

describe('who holds a shift', () => {
  const rotation = new Rotation(layerSchema.parse({ people: ['alice', 'bob', 'carol'], shift: 'weekly', start: '2026-03-16', handoff: '09:00' }), 'Europe/Berlin');

  it('goes round the people in order, changing at the handoff in local time', () => {
    expect(rotation.shiftAt(new Date('2026-03-16T07:59:59Z'))).toBeUndefined();
    expect(rotation.shiftAt(new Date('2026-03-16T08:00:00Z'))?.person).toBe('alice');
    expect(rotation.shiftAt(new Date('2026-03-30T06:59:59Z'))?.person).toBe('bob');
    expect(rotation.shiftAt(new Date('2026-03-30T07:00:00Z'))?.person).toBe('carol');
    expect(rotation.shiftAt(new Date('2026-04-06T07:00:00Z'))?.person).toBe('alice');
  });

  it('finds the same shift from any instant inside it, a year on', () => {
    const shift = rotation.shiftAt(new Date('2027-03-20T12:00:00Z'))!;
    expect(shift.start.getTime()).toBeLessThanOrEqual(Date.parse('2027-03-20T12:00:00Z'));
    expect(shift.end.getTime()).toBeGreaterThan(Date.parse('2027-03-20T12:00:00Z'));
    expect(DateTime.fromJSDate(shift.start, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm')).toBe('Mon 09:00');
    expect(rotation.shiftsBetween(new Date('2026-03-16T08:00:00Z'), new Date('2027-03-20T12:00:00Z')).at(-1)).toEqual(shift);
  });
});

describe('restrictions', () => {
  const businessHours = [restrictionSchema.parse({ days: ['weekdays'], from: '09:00', to: '17:00' })];
  const nights = [restrictionSchema.parse({ days: ['fri'], from: '22:00', to: '06:00' })];

  it('business hours in the schedule zone', () => {
    expect(withinRestrictions(businessHours, 'Europe/Berlin', new Date('2026-03-20T08:00:00Z'))).toBe(true); // Fri 09:00
    expect(withinRestrictions(businessHours, 'Europe/Berlin', new Date('2026-03-20T16:00:00Z'))).toBe(false); // Fri 17:00
    expect(withinRestrictions(businessHours, 'Europe/Berlin', new Date('2026-03-21T10:00:00Z'))).toBe(false); // Sat
  });

  it('a window past midnight belongs to the day it opens', () => {
    expect(withinRestrictions(nights, 'UTC', new Date('2026-03-20T23:00:00Z'))).toBe(true); // Fri 23:00
    expect(withinRestrictions(nights, 'UTC', new Date('2026-03-21T05:59:00Z'))).toBe(true); // Sat 05:59
    expect(withinRestrictions(nights, 'UTC', new Date('2026-03-21T23:00:00Z'))).toBe(false); // Sat 23:00
  });
});
