import { describe, expect, it } from 'vitest';
import { UserError } from '../../bot/errors.js';
import { formatDuration, formatRelative, formatTime, parseDuration, parseTime } from '../../bot/time.js';

function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['2h', 2 * 3_600_000],
    ['1d', 86_400_000],
    ['1w', 7 * 86_400_000],
    ['90s', 90_000],
    ['1h30m', 90 * 60_000],
    [' 2H ', 2 * 3_600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5x', '', '30', 'm', '0m', '1.5h', '-2h', '2 h'])('rejects %j', (text) => {
    expect(userErrorOf(() => parseDuration(text)).message).toBe(`'${text}' is not a duration; use 30m, 2h, 1d or 1w.`);
  });
});

describe('parseTime', () => {
  // Friday 2026-03-27 10:00 UTC: two days before Berlin, and after New York, moved to summer time.
  const now = new Date('2026-03-27T10:00:00Z');
  const berlin = { tz: 'Europe/Berlin', now };
  const newYork = { tz: 'America/New_York', now };

  it.each([
    ['2026-11-22T09:00:00Z', berlin, '2026-11-22T09:00:00.000Z'],
    ['2026-11-22T09:00:00+05:30', berlin, '2026-11-22T03:30:00.000Z'],
    ['2026-11-22T09:00+01:00', newYork, '2026-11-22T08:00:00.000Z'],
    // Without an offset: wall time in the zone, with that date's offset.
    ['2026-11-22 09:00', berlin, '2026-11-22T08:00:00.000Z'],
    ['2026-07-01T09:00', berlin, '2026-07-01T07:00:00.000Z'],
    ['2026-11-22 09:00', newYork, '2026-11-22T14:00:00.000Z'],
    ['2026-07-01 09:00', newYork, '2026-07-01T13:00:00.000Z'],
    ['2026-07-01', berlin, '2026-06-30T22:00:00.000Z'],
    // Skipped by spring-forward: the first instant after the gap. Repeated in autumn: the first one.
    ['2026-03-29 02:30', berlin, '2026-03-29T01:00:00.000Z'],
    ['2026-10-25 02:30', berlin, '2026-10-25T00:30:00.000Z'],
    // Phrases, relative to `now` in the zone.
    ['tomorrow 9am', berlin, '2026-03-28T08:00:00.000Z'],
    ['next monday 14:00', berlin, '2026-03-30T12:00:00.000Z'], // CEST by then
    ['tomorrow 9am', newYork, '2026-03-28T13:00:00.000Z'],
    ['in 2 hours', berlin, '2026-03-27T12:00:00.000Z'],
    ['in 30 minutes', newYork, '2026-03-27T10:30:00.000Z'],
    ['sunday 2:30am', berlin, '2026-03-29T01:00:00.000Z'],
  ])('%s (%o) is %s', (text, options, expected) => {
    expect(parseTime(text, options).toISOString()).toBe(expected);
  });

  it('rejects an unknown time zone with one sentence', () => {
    expect(userErrorOf(() => parseTime('tomorrow 9am', { tz: 'Europe/Gotham', now })).message).toBe(
      "'Europe/Gotham' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC.",
    );
  });

  it.each(['soonish', '2026-02-30 09:00', '2026-11-22 25:00', 'tomorrow 9am and some cake'])('rejects %j', (text) => {
    expect(userErrorOf(() => parseTime(text, berlin)).message).toBe(
      `'${text}' is not a time I understand; try 2026-11-22 09:00, tomorrow 9am or in 2 hours.`,
    );
  });
});

describe('formatTime', () => {
  it.each([
    ['2026-11-22T08:00:00Z', 'Europe/Berlin', '2026-11-22 09:00 CET'],
    ['2026-07-01T07:00:00Z', 'Europe/Berlin', '2026-07-01 09:00 CEST'],
    ['2026-11-22T14:00:00Z', 'America/New_York', '2026-11-22 09:00 EST'],
    ['2026-07-01T13:00:00Z', 'America/New_York', '2026-07-01 09:00 EDT'],
    ['2026-07-01T13:00:00Z', 'UTC', '2026-07-01 13:00 UTC'],
    ['2026-07-01T13:00:00Z', 'Asia/Kolkata', '2026-07-01 18:30 IST'],
    ['2026-07-01T13:00:00Z', 'Asia/Tokyo', '2026-07-01 22:00 +09:00'],
  ])('%s in %s is %s', (at, tz, expected) => {
    expect(formatTime(new Date(at), tz)).toBe(expected);
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-01-05T09:00:00Z');
  it.each([
    [5 * 60_000, 'in 5 minutes'],
    [-2 * 3_600_000, '2 hours ago'],
    [60_000, 'in 1 minute'],
    [-90_000, '1 minute ago'],
    [3 * 86_400_000, 'in 3 days'],
    [-14 * 86_400_000, '2 weeks ago'],
    [30_000, 'in 30 seconds'],
    [400, 'now'],
  ])('%d ms from now is %s', (offset, expected) => {
    expect(formatRelative(new Date(now.getTime() + offset), now)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [90 * 60_000, '1h 30m'],
    [2 * 3_600_000, '2h'],
    [45_000, '45s'],
    [26 * 3_600_000, '1d 2h'],
    [8 * 86_400_000, '1w 1d'],
    [3_600_000 + 30_000, '1h'],
    [0, '0s'],
  ])('%d ms is %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
