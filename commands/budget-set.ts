import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { setBudget } from '../bot/budget/set.js';
import { money } from '../bot/budget/projection.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

const amount = z.union([z.number(), z.string()]).transform((input, ctx) => {
  const n = typeof input === 'number' ? input : Number(input.trim().replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) ctx.addIssue({ code: 'custom', message: `The limit "${String(input)}" is not an amount; give one such as 5000.` });
  return n;
});

export const budgetSetCommand = defineCommand({
  name: 'budget set',
  group: 'decisions',
  summary: 'Gives a budget decision its monthly limit and the PromQL query of its month-to-date cost.',
  description: 'dayops checks it daily (budgets.cron), projects the month, and posts to the service channel at 80% and 100% of the limit, naming the decision and its owner; see docs/cost.md. Needs the decide permission.',
  examples: [`budget set D-6 --limit 5000 sum(opencost_month_to_date_cost{namespace="api"})`],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The budget decision (D-6).' },
    { name: 'limit', kind: 'flag', type: 'string', required: true, placeholder: 'amount', description: 'The monthly limit.' },
    { name: 'currency', kind: 'flag', type: 'string', description: 'Its currency (default USD).' },
    { name: 'query', kind: 'positional', type: 'text', required: true, rest: true, description: 'PromQL giving the month-to-date cost.' },
  ],
  schema: z.object({ id: idArg('decision'), limit: amount, currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a currency code such as EUR' }).optional(), query: textArg(2000, 'query') }),
  permission: 'decide',
  async handler(ctx) {
    const { id, limit, currency, query } = ctx.args;
    const b = await ctx.transact((tx) => setBudget(tx, { decision: id, monthlyLimit: limit, query, ...(currency ? { currency } : {}) }, doerOf(ctx)));
    return reply({ tone: 'success', text: `${id} now has a monthly limit of ${money(b.monthlyLimit, b.currency)}; its cost is read from Prometheus daily.` });
  },
});
