import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { ensureBudgetCheck } from '../bot/budget/install.js';
import { setBudget } from '../bot/budget/set.js';
import { money } from '../bot/budget/projection.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
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
  summary: 'Gives a budget decision its monthly limit and where its month-to-date cost is read: a PromQL query or a configured cost script.',
  description: 'dayops checks it daily (budgets.cron), projects the month, and posts to the service channel at 80% and 100% of the limit, naming the decision and its owner; see docs/cost.md. Needs the decide permission.',
  examples: [`budget set D-6 --limit 5000 sum(opencost_month_to_date_cost{namespace="api"})`, 'budget set D-6 --limit 5000 --script cloud-bill'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The budget decision (D-6).' },
    { name: 'limit', kind: 'flag', type: 'string', required: true, placeholder: 'amount', description: 'The monthly limit.' },
    { name: 'currency', kind: 'flag', type: 'string', description: 'Its currency (default USD).' },
    { name: 'script', kind: 'flag', type: 'string', placeholder: 'name', description: 'A cost script from budgets.scripts, instead of a query.' },
    { name: 'query', kind: 'positional', type: 'text', rest: true, description: 'PromQL giving the month-to-date cost.' },
  ],
  schema: z.object({
    id: idArg('decision'),
    limit: amount,
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a currency code such as EUR' }).optional(),
    script: z.string().optional(),
    query: textArg(2000, 'query').optional(),
  }),
  permission: 'decide',
  async handler(ctx) {
    const { id, limit, currency } = ctx.args;
    const source = costSource(ctx.args, Object.keys(ctx.ops.config.budgets.scripts));
    const b = await ctx.transact(async (tx) => {
      const set = await setBudget(tx, { decision: id, monthlyLimit: limit, source, ...(currency ? { currency } : {}) }, doerOf(ctx));
      await ensureBudgetCheck(ctx.ops, tx);
      return set;
    });
    const from = 'script' in source ? `the cost script ${source.script}` : 'Prometheus';
    return reply({ tone: 'success', text: `${id} now has a monthly limit of ${money(b.monthlyLimit, b.currency)}; its cost is read from ${from} daily.` });
  },
});

/** Exactly one cost source, and a script only by a name the config gives (chat never names a program). */
function costSource(args: { script?: string | undefined; query?: string | undefined }, scripts: string[]): { query: string } | { script: string } {
  if (args.script !== undefined && args.query !== undefined) throw badInput('Give either a PromQL query or --script, not both.');
  if (args.script !== undefined) {
    if (!scripts.includes(args.script)) {
      const known = scripts.length > 0 ? `the configured ones are ${scripts.join(', ')}` : 'none is configured (budgets.scripts in the config file)';
      throw badInput(`There is no cost script ${args.script}; ${known}.`);
    }
    return { script: args.script };
  }
  if (args.query === undefined) throw badInput('Give the PromQL query of the month-to-date cost, or --script <name> for a configured cost script.');
  return { query: args.query };
}
