import { describe, expect, it } from 'vitest';
import { nextRun, validateCron } from '../../bot/cron.js';
import { UserError } from '../../bot/errors.js';

/** Runs of `expr` one after another, each strictly after the one before. */
function runs(expr: string, tz: string, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextRun(expr, tz, at);
    out.push(at.toISOString());
  }
  return out;
}

describe('nextRun', () => {
  it.each([
    // expr, tz, after, expected next run
    ['0 9 * * *', 'UTC', '2026-01-05T08:59:59Z', '2026-01-05T09:00:00.000Z'],
    ['0 9 * * *', 'UTC', '2026-01-05T09:00:00Z', '2026-01-06T09:00:00.000Z'],
    ['0 9 * * MON-FRI', 'UTC', '2026-01-09T10:00:00Z', '2026-01-12T09:00:00.000Z'],
    ['0 9 * JAN mon', 'UTC', '2026-01-27T00:00:00Z', '2027-01-04T09:00:00.000Z'],
    ['*/15 * * * *', 'UTC', '2026-01-05T09:07:00Z', '2026-01-05T09:15:00.000Z'],
    ['5/20 * * * *', 'UTC', '2026-01-05T09:46:00Z', '2026-01-05T10:05:00.000Z'],
    ['0 0 1 * *', 'UTC', '2026-01-31T12:00:00Z', '2026-02-01T00:00:00.000Z'],
    ['0 12 29 2 *', 'UTC', '2026-03-01T00:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['0 9 * * 7', 'UTC', '2026-01-05T00:00:00Z', '2026-01-11T09:00:00.000Z'],
    // Berlin winter (CET, +01:00) and summer (CEST, +02:00)
    ['0 9 * * *', 'Europe/Berlin', '2026-01-05T00:00:00Z', '2026-01-05T08:00:00.000Z'],
    ['0 9 * * *', 'Europe/Berlin', '2026-07-01T00:00:00Z', '2026-07-01T07:00:00.000Z'],
    // New York winter (EST, -05:00) and summer (EDT, -04:00)
    ['0 9 * * *', 'America/New_York', '2026-01-05T00:00:00Z', '2026-01-05T14:00:00.000Z'],
    ['0 9 * * *', 'America/New_York', '2026-07-01T00:00:00Z', '2026-07-01T13:00:00.000Z'],
  ])('%s in %s after %s is %s', (expr, tz, after, expected) => {
    expect(nextRun(expr, tz, new Date(after)).toISOString()).toBe(expected);
  });

  it('matches a day when either restricted day field matches (Vixie cron)', () => {
    // The 13th, or any Friday: Fri 2, Fri 9, Tue 13, Fri 16.
    expect(runs('0 9 13 * FRI', 'UTC', '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-02T09:00:00.000Z',
      '2026-01-09T09:00:00.000Z',
      '2026-01-13T09:00:00.000Z',
      '2026-01-16T09:00:00.000Z',
    ]);
  });

  it('needs both day fields when one of them starts with *', () => {
    // Odd days that are also Mondays: Jan 5, Jan 19, Feb 9 … (2026-01-05 is a Monday).
    expect(runs('0 9 */2 * MON', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-19T09:00:00.000Z',
      '2026-02-09T09:00:00.000Z',
    ]);
  });

  describe('across daylight saving changes', () => {
    it('fires a daily 02:30 in Berlin once at 03:00 on the spring-forward day', () => {
      expect(runs('30 2 * * *', 'Europe/Berlin', '2026-03-28T00:00:00Z', 3)).toEqual([
        '2026-03-28T01:30:00.000Z', // 02:30 CET
        '2026-03-29T01:00:00.000Z', // 02:30 does not exist; 03:00 CEST
        '2026-03-30T00:30:00.000Z', // 02:30 CEST
      ]);
    });

    it('fires a daily 02:30 in Berlin once on the autumn day the hour repeats', () => {
      expect(runs('30 2 * * *', 'Europe/Berlin', '2026-10-24T00:00:00Z', 3)).toEqual([
        '2026-10-24T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T00:30:00.000Z', // first 02:30 (CEST); not again at 02:30 CET
        '2026-10-26T01:30:00.000Z', // 02:30 CET
      ]);
    });

    // ISC cron (cron.c, "DST ends": only wildcard jobs run while the clock repeats an hour; "DST
    // begins": wildcard jobs run for the current minute, fixed-time jobs for each minute missed).
    it('runs every half hour through the Berlin gap without firing twice', () => {
      expect(runs('*/30 * * * *', 'Europe/Berlin', '2026-03-29T00:15:00Z', 4)).toEqual([
        '2026-03-29T00:30:00.000Z', // 01:30 CET
        '2026-03-29T01:00:00.000Z', // 02:00 and 02:30 skipped → once at 03:00 CEST
        '2026-03-29T01:30:00.000Z', // 03:30 CEST
        '2026-03-29T02:00:00.000Z',
      ]);
    });

    it('keeps running every half hour through the repeated Berlin hour, as ISC cron runs a wildcard job', () => {
      expect(runs('*/30 * * * *', 'Europe/Berlin', '2026-10-25T00:15:00Z', 5)).toEqual([
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T01:00:00.000Z', // 02:00 CET, the hour again
        '2026-10-25T01:30:00.000Z', // 02:30 CET
        '2026-10-25T02:00:00.000Z', // 03:00 CET
        '2026-10-25T02:30:00.000Z',
      ]);
      // A star in the hour field makes a job wildcard too: 02:15 happens twice, so it runs twice.
      expect(runs('15 * * * *', 'Europe/Berlin', '2026-10-25T00:00:00Z', 3)).toEqual([
        '2026-10-25T00:15:00.000Z', // 02:15 CEST
        '2026-10-25T01:15:00.000Z', // 02:15 CET
        '2026-10-25T02:15:00.000Z', // 03:15 CET
      ]);
    });

    it('skips the minutes of the spring gap for a wildcard job, where a fixed-time job runs after it', () => {
      expect(runs('15 * * * *', 'Europe/Berlin', '2026-03-29T00:00:00Z', 3)).toEqual([
        '2026-03-29T00:15:00.000Z', // 01:15 CET
        '2026-03-29T01:15:00.000Z', // 03:15 CEST; 02:15 never happened
        '2026-03-29T02:15:00.000Z',
      ]);
      expect(runs('15 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', 2)).toEqual([
        '2026-03-29T01:00:00.000Z', // fixed 02:15 runs at 03:00 CEST, right after the gap
        '2026-03-30T00:15:00.000Z',
      ]);
    });

    it('handles New York spring forward and fall back', () => {
      expect(runs('30 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', 3)).toEqual([
        '2026-03-08T07:00:00.000Z', // 02:30 skipped → 03:00 EDT
        '2026-03-09T06:30:00.000Z',
        '2026-03-10T06:30:00.000Z',
      ]);
      expect(runs('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', 3)).toEqual([
        '2026-11-01T05:30:00.000Z', // first 01:30 (EDT) only
        '2026-11-02T06:30:00.000Z', // 01:30 EST
        '2026-11-03T06:30:00.000Z',
      ]);
    });

    it('ignores daylight saving in UTC', () => {
      expect(runs('30 2 * * *', 'UTC', '2026-03-28T12:00:00Z', 2)).toEqual([
        '2026-03-29T02:30:00.000Z',
        '2026-03-30T02:30:00.000Z',
      ]);
    });
  });

  describe('nth weekday and last day, as croner and cron-parser write them', () => {
    it('runs on the first Monday of each month (1#1)', () => {
      expect(runs('0 10 * * 1#1', 'Europe/Berlin', '2026-01-01T00:00:00Z', 3)).toEqual([
        '2026-01-05T09:00:00.000Z',
        '2026-02-02T09:00:00.000Z',
        '2026-03-02T09:00:00.000Z',
      ]);
      expect(runs('0 10 * * MON#1', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-05T10:00:00.000Z']);
    });

    it('runs on the last Friday (5#L and 5L) and the third Wednesday (3#3)', () => {
      expect(runs('0 16 * * 5#L', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual([
        '2026-01-30T16:00:00.000Z',
        '2026-02-27T16:00:00.000Z',
        '2026-03-27T16:00:00.000Z',
      ]);
      expect(runs('0 16 * * 5L', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-30T16:00:00.000Z']);
      expect(runs('0 9 * * 3#3', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-21T09:00:00.000Z', '2026-02-18T09:00:00.000Z']);
    });

    it('runs on the last day of the month (L), in February too', () => {
      expect(runs('0 23 L * *', 'UTC', '2026-01-15T00:00:00Z', 3)).toEqual([
        '2026-01-31T23:00:00.000Z',
        '2026-02-28T23:00:00.000Z',
        '2026-03-31T23:00:00.000Z',
      ]);
      expect(runs('0 23 L 2 *', 'UTC', '2027-03-01T00:00:00Z', 1)).toEqual(['2028-02-29T23:00:00.000Z']);
    });

    it('ORs them with the other day field like any restricted day (Vixie cron)', () => {
      // The 15th, or the first Monday.
      expect(runs('0 9 15 * 1#1', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual([
        '2026-01-05T09:00:00.000Z',
        '2026-01-15T09:00:00.000Z',
        '2026-02-02T09:00:00.000Z',
      ]);
    });
  });

  it('rejects an unknown time zone', () => {
    expect(() => nextRun('0 9 * * *', 'Mars/Olympus', new Date())).toThrow(/'Mars\/Olympus' is not a time zone/);
  });
});

describe('validateCron', () => {
  it.each(['0 9 * * *', '*/5 * * * *', '0 9 1,15 * MON-FRI', '0 0 * * sun', '15 14 1 * *', '0 22 * * 1-5', '0 10 * * 1#1', '0 9 L * *', '0 9 1,L * *', '0 16 * * FRI#L'])(
    'accepts %s',
    (expr) => {
      expect(() => validateCron(expr)).not.toThrow();
    },
  );

  it.each([
    ['0 9 * *', /has 4 fields; use five fields/],
    ['0 0 9 * * *', /has 6 fields/],
    ['61 9 * * *', /"61" is not a valid minute .* use 0-59\./],
    ['0 24 * * *', /"24" is not a valid hour/],
    ['0 9 * FOO *', /"FOO" is not a valid month .* use 1-12 or JAN-DEC\./],
    ['0 9 * * FUN', /"FUN" is not a valid day of week .* use 0-7 or SUN-SAT, or 1#1 for the first Monday and 5#L for the last Friday\./],
    ['*/0 9 * * *', /not a valid minute/],
    ['0 9 5-1 * *', /"5-1" is not a valid day of month/],
    ['0 0 31 4 *', /never runs/],
    ['0 9 * * 1#6', /"1#6" is not a valid day of week .* or 1#1 for the first Monday/],
    ['0 9 * * 8#1', /"8" is not a valid day of week/],
    ['0 9 L-2 * *', /"L-2" is not a valid day of month .* use 1-31, or L for the last day\./],
  ])('rejects %s', (expr, message) => {
    let caught: unknown;
    try {
      validateCron(expr);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message).toMatch(message);
  });
});
