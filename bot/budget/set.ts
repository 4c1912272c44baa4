import type { BudgetRecord } from '../../data/records/budget.js';
import type { Tx } from '../../data/store.js';
import { badInput, illegalTransition, notFound } from '../errors.js';
import type { Doer } from '../reminders/doer.js';

export interface BudgetInput {
  decision: string;
  monthlyLimit: number;
  /** The cost source: a PromQL query, or the name of a configured cost script; exactly one. */
  source: { query: string } | { script: string };
  currency?: string;
}

/** Gives a budget decision its monthly limit and cost source; its daily check starts with the next run. */
export async function setBudget(tx: Tx, input: BudgetInput, by: Doer): Promise<BudgetRecord> {
  const decision = await tx.get('decision', input.decision);
  if (!decision) throw notFound(`There is no decision ${input.decision}; type decisions --category budget to list them.`);
  if (decision.category !== 'budget') throw illegalTransition(`${decision.id} is a ${decision.category} decision; a monthly limit belongs on a budget decision (decide … --category budget).`);
  if (decision.status === 'rejected' || decision.status === 'superseded') throw illegalTransition(`${decision.id} is ${decision.status}; set the limit on the decision that holds now.`);
  if (!(input.monthlyLimit > 0)) throw badInput('The monthly limit must be more than 0.');
  const previous = await tx.get('budget', decision.id);
  const budget: BudgetRecord = {
    id: decision.id,
    ...(decision.service ? { service: decision.service } : {}),
    monthlyLimit: input.monthlyLimit,
    currency: input.currency ?? previous?.currency ?? 'USD',
    ...input.source,
    setBy: by.name,
    setAt: by.now.toISOString(),
    posted: previous?.posted ?? [],
    ...(previous?.month ? { month: previous.month } : {}),
  };
  await tx.put('budget', budget);
  const from = 'script' in input.source ? `the cost script ${input.source.script}` : `PromQL ${input.source.query}`;
  tx.audit(by.audit('budget.set', decision.id, `monthly limit ${input.monthlyLimit} ${budget.currency}, cost from ${from}`));
  return budget;
}
