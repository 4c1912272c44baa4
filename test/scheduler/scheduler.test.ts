import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { UserError } from '../../bot/errors.js';
import { SchedulerService } from '../../bot/scheduler-service.js';
import type { FireInfo, ScheduleInput } from '../../bot/scheduler.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { JobRecord } from '../../data/records/core.js';
import type { Store } from '../../data/store.js';

let dir: string;
let store: Store;
let clock: ManualClock;
let schedulers: SchedulerService[] = [];

interface Fired {
  id: string;
  dueAt: string;
  late: boolean;
  at: string;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dayops-scheduler-'));
  store = await openLowdbStore({ dir });
  clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
});

afterEach(async () => {
  for (const s of schedulers) await s.stop();
  schedulers = [];
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function makeScheduler(fired: Fired[] = []) {
  const scheduler = new SchedulerService({ store, clock });
  schedulers.push(scheduler);
  scheduler.on('remind', async (tx, job: JobRecord, info: FireInfo) => {
    fired.push({ id: job.id, dueAt: info.dueAt.toISOString(), late: info.late, at: clock.now().toISOString() });
    // A store effect of the handler, to show it happens exactly once.
    await tx.nextNumber(`fired:${job.id}`);
  });
  const schedule = (input: Omit<ScheduleInput, 'type'>) => store.transact((tx) => scheduler.schedule(tx, { type: 'remind', ...input }));
  return { scheduler, fired, schedule };
}

/** Moves the clock the scheduler reads (its timers with it), then lets firing finish. */
async function advance(scheduler: SchedulerService, ms: number) {
  clock.advance(ms);
  await scheduler.whenIdle();
}

const jobs = () => store.inspect((tx) => tx.scan('job'));

describe('scheduler', () => {
  it('fires a one-off job at its time, once, and removes it', async () => {
    const { scheduler, fired, schedule } = makeScheduler();
    await scheduler.start();
    await schedule({ id: 'expiry:DEP-1', at: new Date('2026-01-05T09:10:00Z') });
    await advance(scheduler, 9 * 60_000);
    expect(fired).toEqual([]);
    await advance(scheduler, 60_000);
    expect(fired).toEqual([{ id: 'expiry:DEP-1', dueAt: '2026-01-05T09:10:00.000Z', late: false, at: '2026-01-05T09:10:00.000Z' }]);
    expect(await jobs()).toEqual([]);
    await advance(scheduler, 3_600_000);
    expect(fired).toHaveLength(1);
  });

  it('advances a recurring job to its next cron run in its zone', async () => {
    const { scheduler, fired, schedule } = makeScheduler();
    await scheduler.start();
    const job = await schedule({ id: 'backup-check', cron: '0 10 * * *', tz: 'Europe/Berlin' });
    // 10:00 CET today is 09:00 UTC, which is now, not after it: the first run is tomorrow.
    expect(job.dueAt).toBe('2026-01-06T09:00:00.000Z');
    await advance(scheduler, 24 * 3_600_000);
    expect(fired.map((f) => f.dueAt)).toEqual(['2026-01-06T09:00:00.000Z']);
    expect((await jobs())[0]!.dueAt).toBe('2026-01-07T09:00:00.000Z');
  });

  it('replaces a job scheduled again under the same id, and cancels', async () => {
    const { scheduler, fired, schedule } = makeScheduler();
    await scheduler.start();
    await schedule({ id: 'j', at: new Date('2026-01-05T09:05:00Z') });
    await schedule({ id: 'j', at: new Date('2026-01-05T09:20:00Z') });
    await schedule({ id: 'gone', at: new Date('2026-01-05T09:06:00Z') });
    await store.transact((tx) => scheduler.cancel(tx, 'gone'));
    await advance(scheduler, 10 * 60_000);
    expect(fired).toEqual([]);
    await advance(scheduler, 10 * 60_000);
    expect(fired.map((f) => f.id)).toEqual(['j']);
  });

  it('on start fires each missed job once, marked late with its due time', async () => {
    const first = makeScheduler();
    await first.scheduler.start();
    await first.schedule({ id: 'daily', cron: '0 12 * * *', tz: 'UTC' });
    await first.schedule({ id: 'once', at: new Date('2026-01-05T09:30:00Z') });
    await first.schedule({ id: 'just-missed', at: new Date('2026-01-08T08:59:30Z') });
    await first.scheduler.stop();

    // Down for three days: three daily slots and two one-offs were missed.
    clock.set('2026-01-08T09:00:00Z');
    const second = makeScheduler();
    await second.scheduler.start();
    expect(second.fired.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'daily', dueAt: '2026-01-05T12:00:00.000Z', late: true, at: '2026-01-08T09:00:00.000Z' },
      { id: 'just-missed', dueAt: '2026-01-08T08:59:30.000Z', late: false, at: '2026-01-08T09:00:00.000Z' },
      { id: 'once', dueAt: '2026-01-05T09:30:00.000Z', late: true, at: '2026-01-08T09:00:00.000Z' },
    ]);
    expect((await jobs()).map((j) => [j.id, j.dueAt])).toEqual([['daily', '2026-01-08T12:00:00.000Z']]);
    expect(await store.inspect(async (tx) => (await tx.scan('job', { state: 'all' })).length)).toBe(1);
  });

  it('keeps the handler effects out when it throws, and retries a minute later', async () => {
    const scheduler = new SchedulerService({ store, clock });
    schedulers.push(scheduler);
    let calls = 0;
    scheduler.on('flaky', async (tx) => {
      calls++;
      await tx.put('job', { id: 'side-effect', type: 'x', dueAt: '2030-01-01T00:00:00Z', payload: {}, createdAt: '2026-01-01T00:00:00Z' });
      if (calls === 1) throw new Error('boom');
    });
    await scheduler.start();
    await store.transact((tx) => scheduler.schedule(tx, { id: 'f', type: 'flaky', at: clock.now() }));
    await scheduler.whenIdle();
    expect(calls).toBe(1);
    // The store keeps the due time, so the retry (and one after a restart) reports how late it is.
    expect((await jobs()).map((j) => [j.id, j.dueAt])).toEqual([['f', '2026-01-05T09:00:00.000Z']]);
    await advance(scheduler, 59_000);
    expect(calls).toBe(1);
    await advance(scheduler, 1000);
    expect(calls).toBe(2);
    expect((await jobs()).map((j) => j.id)).toEqual(['side-effect']);
  });

  it('keeps a one-off job that its handler scheduled again under its own id, run after run', async () => {
    const scheduler = new SchedulerService({ store, clock });
    schedulers.push(scheduler);
    const fired: string[] = [];
    scheduler.on('renotify', async (tx, job) => {
      fired.push(clock.now().toISOString());
      await scheduler.schedule(tx, { id: job.id, type: 'renotify', at: new Date(clock.now().getTime() + 600_000) });
    });
    await scheduler.start();
    await store.transact((tx) => scheduler.schedule(tx, { id: 'renotify:ALG-1', type: 'renotify', at: new Date('2026-01-05T09:10:00Z') }));
    for (let i = 0; i < 10; i++) await advance(scheduler, 600_000);
    expect(fired).toHaveLength(10);
    expect(fired[9]).toBe('2026-01-05T10:40:00.000Z');
    expect((await jobs()).map((j) => [j.id, j.dueAt])).toEqual([['renotify:ALG-1', '2026-01-05T10:50:00.000Z']]);
    // And after a restart the next run is still there.
    await scheduler.stop();
    const again = new SchedulerService({ store, clock });
    schedulers.push(again);
    again.on('renotify', async () => void fired.push('after restart'));
    await again.start();
    await advance(again, 600_000);
    expect(fired.at(-1)).toBe('after restart');
  });

  it('lets a handler cancel its own recurring job, and keeps a recurring job its handler moved', async () => {
    const scheduler = new SchedulerService({ store, clock });
    schedulers.push(scheduler);
    scheduler.on('stop-me', (tx, job) => scheduler.cancel(tx, job.id));
    scheduler.on('move-me', async (tx, job) => {
      await scheduler.schedule(tx, { id: job.id, type: 'move-me', cron: '30 * * * *' });
    });
    await scheduler.start();
    await store.transact(async (tx) => {
      await scheduler.schedule(tx, { id: 'a', type: 'stop-me', cron: '*/5 * * * *' });
      await scheduler.schedule(tx, { id: 'b', type: 'move-me', cron: '*/5 * * * *' });
    });
    await advance(scheduler, 5 * 60_000);
    expect((await jobs()).map((j) => [j.id, j.cron, j.dueAt])).toEqual([['b', '30 * * * *', '2026-01-05T09:30:00.000Z']]);
  });

  it('holds one timer however many jobs wait, capped for far-off jobs', async () => {
    const { scheduler, fired } = makeScheduler();
    await store.transact(async (tx) => {
      for (let i = 0; i < 10_000; i++) {
        await scheduler.schedule(tx, { id: `j${i}`, type: 'remind', at: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 60_000) });
      }
      await scheduler.schedule(tx, { id: 'far', type: 'remind', at: new Date('2027-06-01T00:00:00Z') });
    });
    await scheduler.start();
    expect(clock.pendingTimers).toBe(1);
    expect(fired).toEqual([]);
    await advance(scheduler, Date.parse('2026-02-01T00:01:00Z') - clock.now().getTime());
    expect(fired.map((f) => f.id)).toEqual(['j0', 'j1']);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires a job more than 24.8 days away at its time despite the timer cap', async () => {
    const { scheduler, fired, schedule } = makeScheduler();
    await scheduler.start();
    await schedule({ id: 'cert-expiry', at: new Date('2026-03-05T09:00:00Z') });
    await advance(scheduler, 30 * 86_400_000);
    expect(fired).toEqual([]);
    await advance(scheduler, 29 * 86_400_000);
    expect(fired.map((f) => [f.id, f.late])).toEqual([['cert-expiry', false]]);
  });

  it('rejects a bad cron expression or zone with a user error', async () => {
    const { schedule } = makeScheduler();
    await expect(schedule({ cron: '0 9 * *' })).rejects.toBeInstanceOf(UserError);
    await expect(schedule({ cron: '0 9 * * *', tz: 'Nowhere/Land' })).rejects.toThrow(/not a time zone/);
    await expect(schedule({})).rejects.toThrow(/needs a time/);
    expect(await jobs()).toEqual([]);
  });
});
