import { z } from 'zod';
import { serviceArg } from '../bot/args.js';
import { money } from '../bot/budget/projection.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';

export const budgetCommand = defineCommand({
  name: 'budget',
  group: 'decisions',
  summary: 'Shows each budget: month-to-date spend, the projection of the month and the limit.',
  description: 'As of the last daily check; a cost that could not be read is shown as unknown. See docs/cost.md.',
  examples: ['budget', 'budget api'],
  args: [{ name: 'service', kind: 'positional', type: 'string', description: 'Only this service.' }],
  schema: z.object({ service: serviceArg().optional() }),
  permission: 'view',
  async handler(ctx) {
    const { service } = ctx.args;
    const budgets = await ctx.ops.store.read((tx) => tx.list('budget', { where: (b) => service === undefined || b.service === service }));
    const scope = service ? ` of ${service}` : '';
    if (budgets.length === 0) return reply({ text: `No budget${scope} has a limit yet (budget set D-n --limit … <query>).` }, 'private');
    const lines = budgets.sort((a, b) => a.id.localeCompare(b.id)).map((b) => {
      const who = b.service ?? 'all services';
      if (!b.last) return `${b.id} ${who}: limit ${money(b.monthlyLimit, b.currency)}; not checked yet.`;
      return `${b.id} ${who}: ${b.last.state} · ${b.last.state === 'unknown' ? `limit ${money(b.monthlyLimit, b.currency)}; ${b.last.detail}` : b.last.detail}`;
    });
    return reply({ title: `Budgets${scope}`, text: lines.join('\n') }, 'private');
  },
});
