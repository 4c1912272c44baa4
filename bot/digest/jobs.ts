import type { JobRecord } from '../../data/records/core.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import type { JobHandler } from '../scheduler.js';
import { formatTime } from '../time.js';
import { DIGEST_PERIODS, type DigestPeriod, type DigestSchedule } from './config-schema.js';
import { postDigest } from './post.js';

export const DIGEST_JOB = 'digest.post';

export function digestJobId(s: Pick<DigestSchedule, 'period' | 'channel'>): string {
  return `digest:${s.period}:${s.channel}`;
}

/** A scheduled digest: posted into its channel; after downtime, once, saying when it was due. */
export function digestJobHandler(ops: Ops): JobHandler {
  return async (tx, job, info) => {
    const channel = String(job.payload.channel);
    const period = job.payload.period as DigestPeriod;
    if (!DIGEST_PERIODS.includes(period)) throw new Error(`digest job ${job.id} has no valid period`);
    const now = ops.clock.now();
    const note = info.late ? `Late: was due ${formatTime(info.dueAt, ops.config.timezone)}, dayops was not running then.` : undefined;
    const key = await postDigest(ops, tx, channel, period, now, note);
    tx.audit(systemDoer(now).audit('digest.post', undefined, `posted the ${period} digest to ${channel} (${key})`));
  };
}

/**
 * Makes the stored digest jobs match the config: a job that already runs on the same cron is
 * kept, so a digest missed while dayops was down still fires once on start; others are replaced,
 * and jobs for schedules no longer configured are removed.
 */
export async function syncDigestJobs(ops: Ops): Promise<void> {
  const tz = ops.config.timezone;
  const wanted = new Map(ops.config.digest.schedules.map((s) => [digestJobId(s), s]));
  await ops.store.transact(async (tx) => {
    const existing = await tx.query('job.ofType', { type: DIGEST_JOB });
    for (const job of existing) if (!wanted.has(job.id)) await ops.scheduler.cancel(tx, job.id);
    for (const [id, s] of wanted) {
      if (existing.some((j) => j.id === id && sameSchedule(j, s, tz))) continue;
      await ops.scheduler.schedule(tx, { id, type: DIGEST_JOB, cron: s.cron, tz, payload: { channel: s.channel, period: s.period } });
    }
  });
}

function sameSchedule(job: JobRecord, s: DigestSchedule, tz: string): boolean {
  return job.cron === s.cron && job.tz === tz;
}
