import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { latest, outbox, startWorld, tempDir } from './support.js';

const DAY = 86_400_000;
let dir: { dir: string; remove(): Promise<void> };

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await dir.remove();
});

it('fires a reminder missed during downtime once on start, marked late with its due time', async () => {
  const clock = new ManualClock(new Date('2026-03-20T10:00:00Z'));
  const first = await startWorld(dir.dir, clock);
  await first.say('alice', 'remind #ops Check the backups --cron "0 9 * * *" --tz Europe/Berlin');
  await first.say('alice', 'remind #ops Rotate keys --every 1d');
  await first.stop();

  // Down for three and a half days: three daily slots of each reminder pass unseen.
  clock.advance(3.5 * DAY);
  const second = await startWorld(dir.dir, clock);
  const posts = (await outbox(second.ops)).filter((r) => r.op === 'post').map((r) => r.key);
  expect(posts).toEqual(['reminder:REM-1:1', 'reminder:REM-2:1']);
  const cron = await latest(second.ops, 'reminder:REM-1:1');
  expect(cron?.context?.[0]).toBe('REM-1 · firing 1 · late: was due 2026-03-21 09:00 CET, dayops was not running then');
  const [r1, r2] = await second.ops.store.read(async (tx) => [await tx.get('reminder', 'REM-1'), await tx.get('reminder', 'REM-2')]);
  expect(r1!.firings[0]).toMatchObject({ late: true, dueAt: '2026-03-21T08:00:00.000Z' });
  // The next runs are the first ones still to come, not the missed ones.
  expect(r1!.nextAt).toBe('2026-03-24T08:00:00.000Z');
  expect(r2!.firings[0]).toMatchObject({ late: true, dueAt: '2026-03-21T10:00:00.000Z' });
  expect(r2!.nextAt).toBe('2026-03-24T10:00:00.000Z');
  const audit = await second.ops.store.queryAudit({ target: 'REM-1' });
  expect(audit.map((e) => e.summary)).toContain('fired REM-1 (firing 1) late (due 2026-03-21T08:00:00.000Z)');
  await second.stop();
});
