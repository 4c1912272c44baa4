import type { AppContext } from '../app-context.js';
import type { LiveSource } from './live-source.js';
import { DRIFT_POLL_JOB, DRIFT_POLL_JOB_ID, driftPollHandler, scheduleNextPoll } from './poll.js';

/**
 * Start-up wiring for drift: the engine poll's job, and its first run when none is scheduled.
 * `sources` are the live-state readers bin/ built from config (Argo CD, GitHub).
 */
export function installDrift(app: Pick<AppContext, 'ops'>, sources: readonly LiveSource[]): void {
  const { ops } = app;
  ops.scheduler.on(DRIFT_POLL_JOB, driftPollHandler(ops, sources));
  ops.store
    .transact(async (tx) => {
      if (!(await tx.get('job', DRIFT_POLL_JOB_ID))) await scheduleNextPoll(ops, tx, sources);
    })
    .catch((err: unknown) => ops.log.error({ err }, 'could not schedule the drift poll'));
}
