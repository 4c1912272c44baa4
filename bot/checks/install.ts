import type { AppContext } from '../app-context.js';
import { EVALUATE_JOB, evaluateJobHandler, syncEvaluationJob } from './jobs.js';

/** The scheduled evaluation of success-criteria checks; await it before the scheduler starts. */
export async function installChecks(app: Pick<AppContext, 'ops'>): Promise<void> {
  app.ops.scheduler.on(EVALUATE_JOB, evaluateJobHandler(app.ops));
  await syncEvaluationJob(app.ops);
}
