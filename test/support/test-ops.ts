import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobRecord } from '../../data/records/core.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { Tx } from '../../data/store.js';
import { Activity } from '../../bot/activity.js';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bot/config/load.js';
import { silentLogger } from '../../bot/log.js';
import type { Ops } from '../../bot/ops.js';
import { ScriptEngine } from '../../adapters/deploy/script/script-engine.js';
import { EngineRegistry } from '../../bot/deployments/engines.js';
import { DeployRunner } from '../../bot/deployments/runner.js';
import { OutboxService } from '../../bot/outbox-service.js';
import { People } from '../../bot/people.js';
import type { JobHandler, ScheduleInput, Scheduler } from '../../bot/scheduler.js';

export interface TestOps extends Ops {
  clock: ManualClock;
  /** The store's temporary data directory. */
  dir: string;
  /** Closes the store and removes its directory. */
  close(): Promise<void>;
}

/**
 * Ops over a real lowdb store in a temporary directory, a ManualClock, the demo team (alice
 * deploys, bob approves and administers) and a silent logger. Pass parts to replace them.
 */
export async function createTestOps(overrides: Partial<Ops> = {}): Promise<TestOps> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-ops-'));
  const clock = new ManualClock();
  const config = overrides.config ?? loadConfig({});
  const store = overrides.store ?? (await openLowdbStore({ dir, clock, log: silentLogger }));
  const activity = overrides.activity ?? new Activity();
  const engines = overrides.engines ?? new EngineRegistry([new ScriptEngine()]);
  const ops: Ops = {
    config,
    store,
    clock,
    log: silentLogger,
    people: new People(config),
    outbox: new OutboxService({ store, clock, log: silentLogger }),
    scheduler: new StoredJobs(clock),
    activity,
    engines,
    deployRunner: new DeployRunner(engines, activity),
    ...overrides,
  };
  return {
    ...ops,
    clock,
    dir,
    close: async () => {
      await ops.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A scheduler that stores jobs and never fires them, so a test can read what was scheduled
 * without timers going off; tests of firing use the real SchedulerService.
 */
class StoredJobs implements Scheduler {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(private readonly clock: ManualClock) {}

  on(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  async schedule(tx: Tx, input: ScheduleInput): Promise<JobRecord> {
    const now = this.clock.now();
    const id = input.id ?? `job-${await tx.nextNumber('job')}`;
    const job: JobRecord = {
      id,
      type: input.type,
      dueAt: (input.at ?? now).toISOString(),
      payload: input.payload ?? {},
      createdAt: now.toISOString(),
      ...(input.cron ? { cron: input.cron } : {}),
      ...(input.tz ? { tz: input.tz } : {}),
    };
    await tx.put('job', job);
    return job;
  }

  async cancel(tx: Tx, id: string): Promise<void> {
    await tx.remove('job', id);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async whenIdle(): Promise<void> {}
}
