import type { BudgetRecord } from '../../data/records/budget.js';
import type { ReadTx } from '../../data/store.js';
import type { Field } from '../model.js';
import type { Ops } from '../ops.js';

/** The budgets that hold for a service: its own and those for every service. */
async function budgetsOf(tx: ReadTx, service: string): Promise<BudgetRecord[]> {
  const all = await tx.list('budget', { where: (b) => b.service === undefined || b.service === service });
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * `requireWithinBudget`: the sentence that refuses a deployment while a budget of the service is
 * projected past its limit at the last check, naming the budget decision. Only "over" refuses: an
 * unknown cost is shown by readiness, but a monitoring outage does not stop every deploy.
 */
export async function budgetRefusal(ops: Ops, tx: ReadTx, service: string, env: string): Promise<string | undefined> {
  if (!ops.config.environments[env]?.requireWithinBudget) return undefined;
  const over = (await budgetsOf(tx, service)).filter((b) => b.last?.state === 'over');
  const first = over[0];
  if (!first) return undefined;
  const more = over.length > 1 ? ` and ${over.length - 1} more` : '';
  return `${env} requires ${service} within its budget, and ${first.id} is over: ${first.last!.detail}${more}. Deploy once the projection is back under the limit, or raise it (budget set ${first.id} --limit …).`;
}

/** The readiness lines of the environments that require spend within budget, and whether all hold. */
export async function budgetReadiness(ops: Ops, tx: ReadTx, service: string, envs: readonly string[]): Promise<{ fields: Field[]; clear: boolean }> {
  const requiring = envs.filter((env) => ops.config.environments[env]?.requireWithinBudget);
  if (requiring.length === 0) return { fields: [], clear: true };
  const budgets = await budgetsOf(tx, service);
  const over = budgets.some((b) => b.last?.state === 'over');
  const value = budgets.length === 0 ? '✓ no budget decision has a limit for it' : budgets.map(line).join('\n');
  return { fields: requiring.map((env) => ({ label: `${env}: ${over ? 'over budget' : 'within budget'}`, value })), clear: !over };
}

function line(b: BudgetRecord): string {
  const state = b.last?.state;
  if (!state) return `? ${b.id}: not checked yet`;
  const mark = state === 'over' ? '✗' : state === 'ok' ? '✓' : '⚠';
  return `${mark} ${b.id} ${state}: ${b.last!.detail}`;
}
