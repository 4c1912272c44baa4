import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { fireAlert, removeDir, startWorld, threadLines, type OncallWorld } from './world.js';

const skip = skipWithoutPostgres();
const MINUTE = 60_000;

/** Two replicas of the real app over one PostgreSQL database and one clock; the scheduler fires under a lease. */
describe.skipIf(skip)(`escalation on two replicas${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  const worlds: OncallWorld[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const w of worlds) {
      await w.stop();
      await removeDir(w.dir);
    }
    await server?.stop();
  });

  it('fires each step exactly once, whichever replica holds the lease', async () => {
    const url = await server.createDatabase();
    const clock = new ManualClock(new Date('2026-03-04T10:00:00Z'));
    for (let i = 0; i < 2; i++) worlds.push(await startWorld({ clock, schedule: true, env: { DAYOPS_DATABASE_URL: url } }));
    const [a, b] = worlds as [OncallWorld, OncallWorld];
    const group = await fireAlert(a, 'api');
    const linesReach = (n: number) => vi.waitFor(async () => expect((await threadLines(b, group)).length).toBeGreaterThanOrEqual(n), { timeout: 20_000, interval: 200 });

    await linesReach(1);
    clock.advance(5 * MINUTE);
    await linesReach(2);
    clock.advance(10 * MINUTE);
    await linesReach(3);
    // Both replicas polled through all of it; the third step came after the first two, once each.
    expect(await threadLines(a, group)).toEqual([
      'Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message.',
      'Escalation step 2/3, round 1/2: paged bob, secondary on call for api, by direct message.',
      'Escalation step 3/3, round 1/2: called the channel.',
    ]);
    const audit = await a.app.ops.store.queryAudit({ target: group });
    expect(audit.filter((e) => e.action === 'oncall.escalate')).toHaveLength(3);
    expect((await a.outbox()).filter((m) => m.key.startsWith('oncall-page:')).map((m) => m.key)).toEqual(['oncall-page:ALG-1:0.0:alice', 'oncall-page:ALG-1:0.1:bob']);
  }, 90_000);
});
