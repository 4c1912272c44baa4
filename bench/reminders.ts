import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Activity } from '../bot/activity.js';
import { systemClock } from '../bot/clock.js';
import { loadConfig } from '../bin/config.js';
import { nextRun } from '../bot/cron.js';
import { EngineRegistry } from '../bot/deployments/engines.js';
import { DeployRunner } from '../bot/deployments/runner.js';
import { silentLogger } from '../bot/log.js';
import type { Ops } from '../bot/ops.js';
import { OutboxService } from '../bot/outbox-service.js';
import { People } from '../bot/people.js';
import { createReminder, type NewReminder } from '../bot/reminders/create.js';
import { systemDoer } from '../bot/reminders/doer.js';
import { installReminders } from '../bot/reminders/install.js';
import { SchedulerService } from '../bot/scheduler-service.js';
import { openLowdbStore } from '../data/lowdb-store.js';
import { ms, percentile, verdict } from './stats.js';

const ACTIVE = 10_000;
const IDLE_MS = 20_000;
/** Reminders due at known instants: spread out (one every 500 ms), then all at one instant (09:00 on Monday). */
const SPREAD = { count: 20, gapMs: 500 };
const BURST = { count: 20, gapMs: 0 };

async function openOps(dir: string): Promise<Ops> {
  const config = loadConfig({});
  const store = await openLowdbStore({ dir, log: silentLogger });
  const activity = new Activity();
  const engines = new EngineRegistry([]);
  const ops: Ops = {
    config,
    store,
    clock: systemClock,
    log: silentLogger,
    people: new People(config),
    // Never started: posts stay queued, so the bench measures the scheduler, not a chat platform.
    outbox: new OutboxService({ store, clock: systemClock, log: silentLogger }),
    scheduler: new SchedulerService({ store, clock: systemClock, log: silentLogger }),
    activity,
    engines,
    deployRunner: new DeployRunner(engines, activity),
  };
  installReminders({ ops });
  return ops;
}

/** A mix of cron and interval reminders, none due during the bench. */
function idleReminder(i: number, now: Date): NewReminder {
  const base = { channel: 'shell:ops', text: `Maintenance task ${i}` };
  const cron = `${i % 60} ${i % 24} * * ${i % 7}`;
  if (i % 2 === 0 && nextRun(cron, 'Europe/Berlin', now).getTime() - now.getTime() > 10 * 60_000) return { ...base, cron, tz: 'Europe/Berlin' };
  return { ...base, every: `${1 + (i % 30)}d` };
}

async function createIdle(ops: Ops): Promise<void> {
  const by = systemDoer(new Date());
  await ops.store.transact(async (tx) => {
    for (let i = 0; i < ACTIVE; i++) await createReminder(ops, tx, idleReminder(i, by.now), by);
  });
}

function idleCpuShare(ms: number): Promise<number> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((resolve) =>
    setTimeout(() => {
      const used = process.cpuUsage(start);
      resolve((used.user + used.system) / 1000 / (performance.now() - t0));
    }, ms),
  );
}

/** One-off reminders due 2 s from now, `gapMs` apart; returns how late each fired, in ms. */
async function firingSkew(ops: Ops, { count, gapMs }: { count: number; gapMs: number }): Promise<number[]> {
  const by = systemDoer(new Date());
  const start = Date.now() + 2000;
  const ids = await ops.store.transact(async (tx) => {
    const made: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(start + i * gapMs).toISOString();
      made.push((await createReminder(ops, tx, { channel: 'shell:ops', text: `Timed ${i}`, at }, by)).id);
    }
    return made;
  });
  await new Promise((r) => setTimeout(r, start + count * gapMs + 1000 - Date.now()));
  await ops.scheduler.whenIdle();
  const fired = await ops.store.read((tx) => Promise.all(ids.map((id) => tx.get('reminder', id))));
  return fired.map((r) => {
    const f = r?.firings[0];
    return f ? Date.parse(f.firedAt) - Date.parse(f.dueAt) : Infinity;
  });
}

function skewLine(label: string, skews: number[]): string {
  const p99 = percentile(skews, 99);
  const missed = skews.filter((s) => !Number.isFinite(s)).length;
  return `${label} p50 ${ms(percentile(skews, 50))}, p99 ${ms(p99)} over ${skews.length} reminders (target p99 ≤ 1 s: ${verdict(p99 <= 1000)})${missed ? `; ${missed} did not fire` : ''}`;
}

export async function runReminderBench(): Promise<string[]> {
  const lines = ['## Reminders: idle cost and firing skew on the durable scheduler'];
  const dir = mkdtempSync(join(tmpdir(), 'dayops-bench-rem-'));
  const ops = await openOps(dir);
  try {
    const t = performance.now();
    await createIdle(ops);
    const createMs = performance.now() - t;
    await ops.scheduler.start();
    const share = await idleCpuShare(IDLE_MS);
    const spread = await firingSkew(ops, SPREAD);
    const burst = await firingSkew(ops, BURST);
    lines.push(
      `setup:        ${ACTIVE.toLocaleString('en')} active reminders created in ${ms(createMs)} (one transaction)`,
      `idle CPU:     ${(share * 100).toFixed(2)}% of a core over ${IDLE_MS / 1000} s (target ≤ 1%: ${verdict(share <= 0.01)})`,
      skewLine(`firing skew, due ${SPREAD.gapMs} ms apart:`, spread),
      skewLine('firing skew, all due at once:', burst),
      'Each firing is one store transaction: one journal line, whatever the number of active reminders.',
    );
  } finally {
    await ops.scheduler.stop();
    await ops.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
