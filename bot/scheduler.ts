import type { JobRecord } from '../data/records/core.js';
import type { Tx } from '../data/store.js';

export interface ScheduleInput {
  /** A stable id replaces the job with the same id (`deploy-expiry:DEP-12`). */
  id?: string;
  type: string;
  /** When to fire once; for a recurring job, the first run (computed from `cron` when omitted). */
  at?: Date;
  payload?: Record<string, unknown>;
  /** A recurring job: a classic five-field cron expression, evaluated in `tz`. */
  cron?: string;
  tz?: string;
}

export interface FireInfo {
  /** When the job was due. */
  dueAt: Date;
  /** True when it fires after its time because the bot was down or busy. */
  late: boolean;
}

/** Runs inside the transaction that also advances or removes the job: its effects happen once. */
export type JobHandler = (tx: Tx, job: JobRecord, info: FireInfo) => Promise<void>;

/**
 * A durable scheduler: jobs live in the store with their due time, fire once, and after
 * downtime each missed job fires once on start, marked late (not once per missed slot).
 */
export interface Scheduler {
  on(type: string, handler: JobHandler): void;
  schedule(tx: Tx, input: ScheduleInput): Promise<JobRecord>;
  cancel(tx: Tx, id: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when no job is firing right now. */
  whenIdle(): Promise<void>;
}
