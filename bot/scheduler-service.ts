import type { JobRecord } from '../data/records/core.js';
import type { Store, Tx } from '../data/store.js';
import { systemClock, type Clock, type ClockTimer } from './clock.js';
import { nextRun, validateCron } from './cron.js';
import { badInput } from './errors.js';
import { silentLogger, type Logger } from './log.js';
import { recordJobFired, type Metrics } from './metrics.js';
import type { FireInfo, JobHandler, ScheduleInput, Scheduler } from './scheduler.js';
import { isStoreOutage } from './store-outage.js';
import { assertTimeZone } from './time.js';
import { MinHeap, type Entry } from './scheduler-heap.js';

export interface SchedulerServiceOptions {
  store: Store;
  clock?: Clock;
  log?: Logger;
  metrics?: Metrics;
  /**
   * With a store shared by several replicas: one replica at a time fires jobs, holding this
   * lease and renewing it on every poll; when it dies another takes over after this long.
   */
  leaseMs?: number;
}

export const DEFAULT_SCHEDULER_LEASE_MS = 15_000;
const LEASE = 'scheduler';

/** A job this much overdue when it fires is reported late. */
export const LATE_AFTER_MS = 60_000;
/** A job whose handler failed is tried again after this long, never in a hot loop. */
export const RETRY_AFTER_MS = 60_000;
/** While the store is down, a job is tried again this soon, so it fires shortly after the store is back. */
export const OUTAGE_RETRY_MS = 5_000;
/**
 * At most this many jobs due together fire in one transaction: enough that a burst costs few
 * commits, few enough that commands waiting for the store wait a fraction of a second.
 */
export const FIRE_BATCH = 100;

/**
 * Jobs live in the store; this keeps only an index of their due times (a min-heap with lazy
 * deletion) and one timer for the earliest. A job fires inside the transaction that removes or
 * advances it, so a handler's effects and the job's progress commit together or not at all.
 */
export class SchedulerService implements Scheduler {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly handlers = new Map<string, JobHandler>();
  /** The due time each job is indexed at; heap entries that disagree are stale. */
  private readonly dueById = new Map<string, number>();
  private readonly heap = new MinHeap();
  private running = false;
  private timer: ClockTimer | undefined;
  private firing: Promise<void> | undefined;
  private readonly metrics: Metrics | undefined;
  private readonly leaseMs: number;
  /** Whether this process may fire jobs: always with a store of its own, by lease with a shared one. */
  private leader: boolean;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling: Promise<void> | undefined;
  /**
   * Jobs a firing handler scheduled or cancelled, by the transaction it fires in: a handler that
   * reschedules its own job id has the last word, so the scheduler neither removes nor advances it.
   */
  private readonly touchedBy = new WeakMap<Tx, Set<string>>();
  /** Jobs waiting to be tried again after a failure, so a poll that re-indexes them keeps the wait. */
  private readonly retries = new Map<string, { due: number; at: number }>();
  /** Whether the last look at the store failed: an outage is logged once, not once a poll. */
  private storeDown = false;

  constructor(options: SchedulerServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.metrics = options.metrics;
    this.leaseMs = options.leaseMs ?? DEFAULT_SCHEDULER_LEASE_MS;
    this.leader = !options.store.claim;
  }

  on(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  async schedule(tx: Tx, input: ScheduleInput): Promise<JobRecord> {
    const now = this.clock.now();
    if (input.cron !== undefined) {
      validateCron(input.cron);
      assertTimeZone(input.tz ?? 'UTC');
    }
    const at = input.at ?? (input.cron === undefined ? undefined : nextRun(input.cron, input.tz ?? 'UTC', now));
    if (!at || Number.isNaN(at.getTime())) throw badInput('A job needs a time to run at or a cron schedule.');
    const job: JobRecord = {
      id: input.id ?? `job-${await tx.nextNumber('job')}`,
      type: input.type,
      dueAt: at.toISOString(),
      payload: { ...(input.payload ?? {}) },
      createdAt: now.toISOString(),
      ...(input.cron === undefined ? {} : { cron: input.cron, tz: input.tz ?? 'UTC' }),
    };
    await tx.put('job', job);
    this.touchedBy.get(tx)?.add(job.id);
    tx.afterCommit(() => this.index(job.id, at.getTime()));
    return job;
  }

  async cancel(tx: Tx, id: string): Promise<void> {
    await tx.remove('job', id);
    this.touchedBy.get(tx)?.add(id);
    tx.afterCommit(() => this.unindex(id));
  }

  async start(): Promise<void> {
    if (this.store.claim) {
      this.running = true;
      await this.poll();
      this.pollTimer = setInterval(() => void this.poll(), this.store.pollMs ?? 2000);
      await this.whenIdle();
      return;
    }
    const jobs = await this.store.read((tx) => tx.query('job.schedule', {}));
    this.running = true;
    for (const job of jobs) this.index(job.id, Date.parse(job.dueAt));
    this.kick();
    await this.whenIdle();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    if (this.pollTimer !== undefined) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling;
    await this.whenIdle();
    if (this.store.claim && this.leader) await this.store.release?.(LEASE).catch(() => undefined);
    this.leader = !this.store.claim;
  }

  /**
   * With a shared store: renews (or tries to take) the lease, and indexes jobs other replicas
   * scheduled, moved or removed since the last look.
   */
  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .then(() => this.storeUp())
      .catch((err: unknown) => this.storeFailed(err, 'could not check the shared store for jobs; trying again every poll'))
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const wasLeader = this.leader;
    this.leader = await this.store.claim!(LEASE, this.leaseMs);
    if (this.leader !== wasLeader) this.log.info({ leader: this.leader }, this.leader ? 'this replica now fires scheduled jobs' : 'another replica fires scheduled jobs');
    const jobs = await this.store.read((tx) => tx.query('job.schedule', {}));
    const live = new Set<string>();
    for (const job of jobs) {
      live.add(job.id);
      const due = Date.parse(job.dueAt);
      if (this.dueById.get(job.id) !== due) this.index(job.id, due);
    }
    for (const id of [...this.dueById.keys()]) if (!live.has(id)) this.dueById.delete(id);
    this.kick();
  }

  async whenIdle(): Promise<void> {
    while (this.firing) await this.firing;
  }

  private index(id: string, due: number, at = due): void {
    const retry = this.retries.get(id);
    if (retry?.due === due) at = Math.max(at, retry.at);
    else this.retries.delete(id);
    this.dueById.set(id, due);
    this.heap.push({ id, due, at });
    this.kick();
  }

  private unindex(id: string): void {
    this.dueById.delete(id);
    this.retries.delete(id);
    this.kick();
  }

  /** Fires what is due, or arms the timer for the earliest job. */
  private kick(): void {
    if (!this.running || !this.leader || this.firing) return;
    this.clearTimer();
    const head = this.peek();
    if (!head) return;
    const wait = head.at - this.clock.now().getTime();
    if (wait > 0) {
      this.timer = this.clock.after(wait, () => {
        this.timer = undefined;
        this.kick();
      });
      return;
    }
    this.firing = this.fireDue().finally(() => {
      this.firing = undefined;
      this.kick();
    });
  }

  private async fireDue(): Promise<void> {
    while (this.running && this.leader) {
      const batch = this.takeDue();
      if (batch.length === 0) return;
      await (batch.length === 1 ? this.fire(batch[0]!) : this.fireBatch(batch));
    }
  }

  /** Up to FIRE_BATCH entries due now, taken off the index in due order. */
  private takeDue(): Entry[] {
    const now = this.clock.now().getTime();
    const batch: Entry[] = [];
    for (let head = this.peek(); head && head.at <= now && batch.length < FIRE_BATCH; head = this.peek()) {
      this.heap.pop();
      this.dueById.delete(head.id);
      batch.push(head);
    }
    return batch;
  }

  /** The entry to try first, dropping stale ones on the way. */
  private peek(): Entry | undefined {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      if (this.dueById.get(top.id) === top.due) return top;
      this.heap.pop();
    }
    return undefined;
  }

  private async fire(entry: Entry): Promise<void> {
    try {
      await this.store.transact((tx) => this.fireIn(tx, entry));
      this.retries.delete(entry.id);
      this.storeUp();
    } catch (err) {
      await this.retryLater(entry, err);
    }
  }

  /**
   * Jobs due together fire in one transaction, so a thousand due at one second cost one commit,
   * not a thousand. When a handler fails, the batch commits nothing and its jobs fire one per
   * transaction instead, so only the failing job waits for its retry.
   */
  private async fireBatch(batch: Entry[]): Promise<void> {
    try {
      await this.store.transact(async (tx) => {
        for (const entry of batch) await this.fireIn(tx, entry);
      });
      for (const entry of batch) this.retries.delete(entry.id);
      this.storeUp();
    } catch (err) {
      if (isStoreOutage(err)) {
        for (const entry of batch) await this.retryLater(entry, err);
        return;
      }
      for (const entry of batch) await this.fire(entry);
    }
  }

  /** Fires one job inside `tx`: its handler's effects and its removal or advance commit together. */
  private async fireIn(tx: Tx, entry: Entry): Promise<void> {
    const job = await tx.get('job', entry.id);
    // Cancelled or rescheduled since it was indexed (by another job of this batch, too): the store has the final word.
    if (!job || Date.parse(job.dueAt) !== entry.due) return;
    const handler = this.handlers.get(job.type);
    if (!handler) throw new Error(`no handler for job type ${job.type}`);
    const now = this.clock.now();
    const info: FireInfo = { dueAt: new Date(entry.due), late: now.getTime() - entry.due > LATE_AFTER_MS };
    // What this job's handler schedules or cancels, apart from the other jobs of its batch.
    const touched = new Set<string>();
    this.touchedBy.set(tx, touched);
    try {
      await handler(tx, job, info);
    } finally {
      this.touchedBy.delete(tx);
    }
    if (!touched.has(job.id)) await this.advance(tx, job, now);
    tx.afterCommit(() => this.metrics && recordJobFired(this.metrics, job.type, info.late));
  }

  /** A recurring job moves to its next run after now (missed runs are not replayed); a one-off goes. */
  private async advance(tx: Tx, job: JobRecord, now: Date): Promise<void> {
    if (job.cron === undefined) {
      await tx.remove('job', job.id);
      return;
    }
    const after = new Date(Math.max(now.getTime(), Date.parse(job.dueAt)));
    const next = nextRun(job.cron, job.tz ?? 'UTC', after);
    await tx.put('job', { ...job, dueAt: next.toISOString() });
    tx.afterCommit(() => this.index(job.id, next.getTime()));
  }

  /**
   * A failed job is tried again later, never in a hot loop. Its due time stays as
   * the store has it, so the retry reports how late it is; when the store itself is what failed,
   * only this process's index moves, and the store's record is found again on the retry.
   */
  private async retryLater(entry: Entry, err: unknown): Promise<void> {
    const outage = isStoreOutage(err);
    const retryAt = this.clock.now().getTime() + (outage ? OUTAGE_RETRY_MS : RETRY_AFTER_MS);
    if (outage) this.storeFailed(err, 'the store failed while a job fired; jobs are tried again until it answers');
    else this.log.error({ err, job: entry.id }, 'job failed; retrying in a minute');
    this.retries.set(entry.id, { due: entry.due, at: retryAt });
    if (!this.dueById.has(entry.id)) this.index(entry.id, entry.due, retryAt);
  }

  private storeFailed(err: unknown, message: string): void {
    if (this.storeDown) return;
    this.storeDown = true;
    this.log.error({ err }, message);
  }

  private storeUp(): void {
    if (!this.storeDown) return;
    this.storeDown = false;
    this.log.info('the store answers again; scheduled jobs fire as usual');
  }

  private clearTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
