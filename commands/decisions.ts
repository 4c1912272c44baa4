import { z } from 'zod';
import { integerArg, serviceArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { categoryArg, statusArg } from '../bot/decisions/args.js';
import { DECISIONS_PAGE_SIZE, searchDecisions, type DecisionFilter } from '../bot/decisions/search.js';
import { reply } from '../bot/model.js';
import { DECISION_CATEGORIES, DECISION_STATUSES, type DecisionRecord } from '../data/records/decision.js';

export const decisionsCommand = defineCommand({
  name: 'decisions',
  group: 'decisions',
  summary: 'Lists and searches decisions, newest first.',
  description: `Text matches the title, context and outcome; every word must appear. ${DECISIONS_PAGE_SIZE} to a page; --page n shows more.`,
  examples: ['decisions', 'decisions backup', 'decisions --category database --status accepted', 'decisions --service api --page 2'],
  args: [
    { name: 'text', kind: 'positional', type: 'text', rest: true, description: 'Words to look for.' },
    { name: 'category', kind: 'flag', type: 'string', choices: DECISION_CATEGORIES, description: 'Only this category.' },
    { name: 'status', kind: 'flag', type: 'string', choices: DECISION_STATUSES, description: 'Only this status.' },
    { name: 'service', kind: 'flag', type: 'string', description: 'Only decisions that apply to it (its own and all-service ones).' },
    { name: 'page', kind: 'flag', type: 'integer', description: 'Which page (default 1).' },
  ],
  schema: z.object({
    text: z.string().trim().max(200).optional(),
    category: categoryArg().optional(),
    status: statusArg().optional(),
    service: serviceArg().optional(),
    page: integerArg(1, 10_000).optional(),
  }),
  permission: 'view',
  async handler({ args, ops }) {
    const filter: DecisionFilter = {
      ...(args.text ? { text: args.text } : {}),
      ...(args.category ? { category: args.category } : {}),
      ...(args.status ? { status: args.status } : {}),
      ...(args.service ? { service: args.service } : {}),
      ...(args.page ? { page: args.page } : {}),
    };
    const found = await ops.store.read((tx) => searchDecisions(tx, filter));
    const text = found.items.length > 0 ? found.items.map(line).join('\n') : 'No decision matches.';
    const context = [`Page ${found.page} of ${found.pages} · ${found.total} matching`];
    if (found.page < found.pages) context.push(`More with --page ${found.page + 1}`);
    return reply({ title: args.text ? `Decisions matching "${args.text}"` : 'Decisions', text, context }, 'private');
  },
});

function line(d: DecisionRecord): string {
  return `${d.id} · ${d.status} · ${d.category} · ${d.service ?? 'all services'} — ${d.title}`;
}
