import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import type { JobHandler } from '../scheduler.js';
import { checkedDecisions, evaluateAll } from './evaluate.js';

export const EVALUATE_JOB = 'checks.evaluate';
export const EVALUATE_JOB_ID = 'checks:evaluate';

/**
 * The recurring evaluation exists only while some decision carries checks: adding a check
 * schedules it (this), and a run that finds none left removes it.
 */
export async function ensureEvaluationJob(ops: Ops, tx: Tx): Promise<void> {
  const job = await tx.get('job', EVALUATE_JOB_ID);
  if (job?.cron === ops.config.checks.cron && job.tz === ops.config.timezone) return;
  await ops.scheduler.schedule(tx, { id: EVALUATE_JOB_ID, type: EVALUATE_JOB, cron: ops.config.checks.cron, tz: ops.config.timezone });
}

/**
 * Queries Prometheus after the job's transaction commits, tracked as running work (shutdown and
 * tests wait for it); a query never runs inside a transaction.
 */
export function evaluateJobHandler(ops: Ops): JobHandler {
  return async (tx, job) => {
    const checked = await checkedDecisions(tx);
    if (checked.length === 0) {
      await ops.scheduler.cancel(tx, job.id);
      return;
    }
    tx.afterCommit(() => {
      void ops.activity.track(evaluateAll(ops, 'schedule').catch((err: unknown) => ops.log.error({ err }, 'the scheduled evaluation of checks failed')));
    });
  };
}

/** A changed `checks.cron` moves the existing job at start-up. */
export async function syncEvaluationJob(ops: Ops): Promise<void> {
  await ops.store.transact(async (tx) => {
    if (await tx.get('job', EVALUATE_JOB_ID)) await ensureEvaluationJob(ops, tx);
  });
}
