import type { BudgetRecord } from '../../data/records/budget.js';
import type { Tx } from '../../data/store.js';
import { NO_BACKEND } from '../checks/metric-query.js';
import { NO_COST_SCRIPTS, type CostReading } from './cost-script.js';
import type { Ops } from '../ops.js';
import { throughOutage } from '../through-outage.js';
import { money, monthProgress, projectMonth, reached } from './projection.js';

type Reading = CostReading;

/** Reads the month-to-date cost from the budget's source: its cost script, or the first sample of its PromQL query. */
async function readSpend(ops: Ops, budget: BudgetRecord): Promise<Reading> {
  if (budget.script !== undefined) return (ops.costScripts ?? NO_COST_SCRIPTS).read(budget.script);
  if (budget.query === undefined) return { ok: false, error: 'it has no cost source' };
  const answer = await (ops.metricQuery ?? NO_BACKEND).instant(budget.query);
  if (!answer.ok) return answer;
  const first = answer.samples[0];
  if (!first || !Number.isFinite(first.value)) return { ok: false, error: `the query ${budget.query} returned no sample` };
  return { ok: true, spend: first.value };
}

/** Checks every budget once: reads its cost, projects the month, and posts each threshold once a month. */
export async function checkBudgets(ops: Ops): Promise<void> {
  const budgets = await ops.store.read((tx) => tx.list('budget'));
  for (const budget of budgets) {
    const reading = await readSpend(ops, budget);
    await throughOutage(() => ops.store.transact((tx) => record(ops, tx, budget.id, reading)), ops.log, `the budget check of ${budget.id}`, ops.activity);
  }
}

async function record(ops: Ops, tx: Tx, id: string, reading: Reading): Promise<void> {
  const budget = await tx.get('budget', id);
  const decision = await tx.get('decision', id);
  if (!budget || !decision) return;
  const now = ops.clock.now();
  const progress = monthProgress(now, ops.config.timezone);
  const posted = budget.month === progress.month ? budget.posted : [];
  const at = now.toISOString();
  if (!reading.ok) {
    await tx.put('budget', { ...budget, month: progress.month, posted, last: { state: 'unknown', detail: `the cost could not be read: ${reading.error}`, at } });
    return;
  }
  const projection = projectMonth(reading.spend, progress);
  const hit = reached(projection, budget.monthlyLimit);
  const state = hit.includes(100) ? 'over' : hit.includes(80) ? 'warning' : 'ok';
  const detail = `${money(reading.spend, budget.currency)} spent this month, projected ${money(projection, budget.currency)} of ${money(budget.monthlyLimit, budget.currency)} (${Math.round((projection / budget.monthlyLimit) * 100)}%)`;
  const fresh = hit.filter((t) => !posted.includes(t));
  await tx.put('budget', { ...budget, month: progress.month, posted: [...posted, ...fresh], last: { state, spend: reading.spend, projection, detail, at } });
  const top = fresh.at(-1);
  if (top === undefined) return;
  const what = budget.service ?? 'every service';
  const channel = (budget.service && ops.config.services[budget.service]?.channel) || ops.config.channels.ops;
  await ops.outbox.post(tx, {
    channel,
    key: `budget:${id}:${progress.month}:${top}`,
    message: {
      title: `Budget ${top === 100 ? 'exceeded' : 'at 80%'}: ${what}`,
      text: `${what} is projected to pass ${top}% of its monthly budget: ${detail}. Budget decision ${id} "${decision.title}", owned by ${decision.owner}.`,
      tone: top === 100 ? 'danger' : 'warning',
      mentions: [{ person: decision.owner }],
    },
  });
  tx.audit({ time: at, actor: { platform: 'system', userId: 'dayops' }, platform: 'system', action: 'budget.threshold', target: id, outcome: 'ok', summary: `${what} projected at ${top}% of ${id}: ${detail}` });
}
