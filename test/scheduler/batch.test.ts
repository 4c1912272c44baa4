import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { FIRE_BATCH, SchedulerService } from '../../bot/scheduler-service.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { Store } from '../../data/store.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const AT = new Date('2026-01-05T09:10:00Z');

/** A store that counts its transactions: a batch of jobs due together is one of them. */
async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-batch-'));
  const inner = await openLowdbStore({ dir });
  const counts = { transactions: 0 };
  const store: Store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'transact') return (fn: Parameters<Store['transact']>[0]) => (counts.transactions++, target.transact(fn));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const clock = new ManualClock(NOW);
  const scheduler = new SchedulerService({ store, clock });
  onTestFinished(async () => {
    await scheduler.stop();
    await inner.close();
    await rm(dir, { recursive: true, force: true });
  });
  const fired: string[] = [];
  const schedule = (id: string, type = 'count', at = AT) => store.transact((tx) => scheduler.schedule(tx, { id, type, at }));
  scheduler.on('count', async (tx, job) => {
    fired.push(job.id);
    await tx.nextNumber(`fired:${job.id}`);
  });
  const advance = async (ms: number) => {
    clock.advance(ms);
    await scheduler.whenIdle();
  };
  const jobIds = () => store.inspect(async (tx) => (await tx.scan('job')).map((j) => j.id).sort());
  const firedCounts = () => inner.counters!();
  return { store, scheduler, clock, counts, fired, schedule, advance, jobIds, firedCounts };
}

describe('scheduler batches', () => {
  it('fires many jobs due at one instant in a few transactions, each once', async () => {
    const { store, scheduler, counts, fired, advance, jobIds, firedCounts } = await setup();
    const total = FIRE_BATCH * 2 + 50;
    await store.transact(async (tx) => {
      for (let i = 0; i < total; i++) await scheduler.schedule(tx, { id: `j${i}`, type: 'count', at: AT });
    });
    await scheduler.start();
    counts.transactions = 0;
    await advance(10 * 60_000);
    expect(fired).toHaveLength(total);
    expect(new Set(fired).size).toBe(total);
    expect(counts.transactions).toBe(3);
    expect(await jobIds()).toEqual([]);
    const committed = await firedCounts();
    expect(Object.keys(committed).filter((k) => k.startsWith('fired:'))).toHaveLength(total);
    expect(Object.entries(committed).every(([k, v]) => !k.startsWith('fired:') || v === 1)).toBe(true);
  });

  it("keeps a job that another job of the batch scheduled again at the same time apart from that job's own progress", async () => {
    const { scheduler, fired, schedule, advance, jobIds } = await setup();
    // a re-schedules b at b's own time (as ensuring the next handoff of every schedule does): b still fires once and goes.
    scheduler.on('ensure-b', async (tx, job) => {
      fired.push(job.id);
      await scheduler.schedule(tx, { id: 'b', type: 'count', at: AT });
    });
    await scheduler.start();
    await schedule('a', 'ensure-b');
    await schedule('b');
    await advance(10 * 60_000);
    expect(fired).toEqual(['a', 'b']);
    expect(await jobIds()).toEqual([]);
    await advance(60 * 60_000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('lets a job of the batch cancel or move another one due with it, and keep its own id', async () => {
    const { scheduler, fired, schedule, advance, jobIds } = await setup();
    scheduler.on('boss', async (tx, job) => {
      fired.push(job.id);
      await scheduler.cancel(tx, 'cancelled');
      await scheduler.schedule(tx, { id: 'moved', type: 'count', at: new Date(AT.getTime() + 3_600_000) });
      await scheduler.schedule(tx, { id: job.id, type: 'boss-done', at: new Date(AT.getTime() + 7_200_000) });
    });
    scheduler.on('boss-done', async () => undefined);
    await scheduler.start();
    await schedule('boss', 'boss');
    await schedule('cancelled');
    await schedule('moved');
    await schedule('plain');
    await advance(10 * 60_000);
    expect(fired).toEqual(['boss', 'plain']);
    expect(await jobIds()).toEqual(['boss', 'moved']);
    await advance(60 * 60_000);
    expect(fired).toEqual(['boss', 'plain', 'moved']);
  });

  it('fires the rest of a batch once when one handler throws, and retries only that one a minute later', async () => {
    const { scheduler, fired, schedule, advance, jobIds, firedCounts } = await setup();
    let failures = 0;
    scheduler.on('flaky', async (tx) => {
      await tx.nextNumber('flaky-effect');
      // Fails in the batch and again alone; the retry a minute later succeeds.
      if (failures++ < 2) throw new Error('boom');
    });
    await scheduler.start();
    await schedule('first');
    await schedule('flaky', 'flaky');
    await schedule('last');
    await advance(10 * 60_000);
    expect(await jobIds()).toEqual(['flaky']);
    const once = await firedCounts();
    expect([once['fired:first'], once['fired:last'], once['flaky-effect']]).toEqual([1, 1, undefined]);
    // Handlers may run again when their batch is redone one by one; their effects commit once.
    expect(new Set(fired)).toEqual(new Set(['first', 'last']));
    await advance(59_000);
    expect(await jobIds()).toEqual(['flaky']);
    await advance(1000);
    expect(await jobIds()).toEqual([]);
    expect((await firedCounts())['flaky-effect']).toBe(1);
  });
});
