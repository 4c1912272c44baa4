import type { AppContext } from '../app-context.js';
import { DIGEST_JOB, digestJobHandler, syncDigestJobs } from './jobs.js';

/**
 * The scheduled digest: its job handler, and one cron job per configured schedule. Call it
 * before the scheduler starts, and await it: the jobs are written to the store.
 */
export async function installDigest(app: Pick<AppContext, 'ops'>): Promise<void> {
  app.ops.scheduler.on(DIGEST_JOB, digestJobHandler(app.ops));
  await syncDigestJobs(app.ops);
}
