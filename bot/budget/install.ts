import type { Tx } from '../../data/store.js';
import type { AppContext } from '../app-context.js';
import type { Ops } from '../ops.js';
import { checkBudgets } from './check.js';

export const BUDGET_JOB = 'budget.check';
const BUDGET_JOB_ID = 'budget-check';

/**
 * The daily budget check: a recurring job (`budgets.cron`, the team's zone) that reads each cost
 * once it commits. It exists once a budget does (`budget set` schedules it), so a team without
 * budgets runs nothing; a start with budgets moves it to a changed cron.
 */
export function installBudgets(app: Pick<AppContext, 'ops'>): void {
  const { ops } = app;
  ops.scheduler.on(BUDGET_JOB, async (tx: Tx) => {
    tx.afterCommit(() => void ops.activity.track(checkBudgets(ops).catch((err: unknown) => ops.log.error({ err }, 'the budget check failed'))));
  });
  ops.store
    .transact(async (tx) => {
      if ((await tx.list('budget')).length > 0) await ensureBudgetCheck(ops, tx);
    })
    .catch((err: unknown) => ops.log.error({ err }, 'could not schedule the budget check'));
}

/** Schedules the daily check unless it is already due on the configured cron. */
export async function ensureBudgetCheck(ops: Pick<Ops, 'config' | 'scheduler'>, tx: Tx): Promise<void> {
  const { cron } = ops.config.budgets;
  const job = await tx.get('job', BUDGET_JOB_ID);
  if (job?.cron === cron && job.tz === ops.config.timezone) return;
  await ops.scheduler.schedule(tx, { id: BUDGET_JOB_ID, type: BUDGET_JOB, cron, tz: ops.config.timezone });
}
