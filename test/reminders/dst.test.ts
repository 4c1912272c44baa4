import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { nextAfter } from '../../bot/reminders/schedule.js';
import { advance, startWorld, tempDir } from './support.js';

/** The next runs of a cron reminder from `from`, each computed from the one before. */
function table(cron: string, tz: string, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextAfter({ kind: 'cron', cron, tz }, at, at)!;
    out.push(at.toISOString());
  }
  return out;
}

describe('next-run table across DST changes', () => {
  it('Europe/Berlin, spring: 02:30 does not exist on 29 March and runs at 03:00 CEST', () => {
    expect(table('30 2 * * *', 'Europe/Berlin', '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('Europe/Berlin, autumn: 02:30 happens twice on 25 October and runs once, at the first', () => {
    expect(table('30 2 * * *', 'Europe/Berlin', '2026-10-23T12:00:00Z', 4)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('America/New_York: 09:00 on weekdays keeps its wall time over 8 March', () => {
    expect(table('0 9 * * MON-FRI', 'America/New_York', '2026-03-05T12:00:00Z', 4)).toEqual([
      '2026-03-05T14:00:00.000Z',
      '2026-03-06T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
    ]);
  });

  it('Vixie OR: the 1st of the month or any Monday', () => {
    expect(table('0 9 1 * MON', 'UTC', '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-30T09:00:00.000Z',
      '2026-04-01T09:00:00.000Z',
      '2026-04-06T09:00:00.000Z',
    ]);
  });
});

describe('firing across a DST change on a running server', () => {
  let dir: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('fires 09:00 Berlin and 09:00 New York at their local times in both weeks', async () => {
    const clock = new ManualClock(new Date('2026-03-20T10:00:00Z'));
    const world = await startWorld(dir.dir, clock);
    await world.say('alice', 'remind #ops Berlin review --cron "0 9 * * MON" --tz Europe/Berlin');
    await world.say('alice', 'remind #ops New York review --cron "0 9 * * MON" --tz America/New_York');
    await advance(world, clock, 11 * 86_400_000);
    const due = await world.ops.store.read(async (tx) =>
      (await tx.list('reminder')).sort((a, b) => a.id.localeCompare(b.id)).map((r) => r.firings.map((f) => [f.dueAt, f.late])),
    );
    expect(due).toEqual([
      [['2026-03-23T08:00:00.000Z', false], ['2026-03-30T07:00:00.000Z', false]],
      [['2026-03-23T13:00:00.000Z', false], ['2026-03-30T13:00:00.000Z', false]],
    ]);
    await world.stop();
  });
});
