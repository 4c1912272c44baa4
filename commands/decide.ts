import { z } from 'zod';
import { personArg, serviceArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { decisionActor } from '../bot/decisions/actor.js';
import { categoryArg, optionsArg } from '../bot/decisions/args.js';
import { createDecision } from '../bot/decisions/create.js';
import { reply } from '../bot/model.js';
import { DECISION_CATEGORIES, DECISION_TITLE_MAX } from '../data/records/decision.js';

export const decideCommand = defineCommand({
  name: 'decide',
  group: 'decisions',
  summary: 'Records a Day-0 decision as proposed and prints its id.',
  description: [
    'The title is the rest of the line up to the first flag; quote it if it holds "--".',
    `Categories: ${DECISION_CATEGORIES.join(', ')} (default other).`,
    'Without --service the decision holds for every service. Needs the decide permission.',
  ].join(' '),
  examples: [
    'decide Nightly PostgreSQL backups with a monthly restore test --category database --service api',
    'decide Use Prometheus and Grafana --category monitoring --options "Prometheus; Datadog; CloudWatch" --outcome Prometheus, self-hosted',
    'decide p99 latency under 300 ms --category success-criteria --owner @bob',
  ],
  args: [
    { name: 'title', kind: 'positional', type: 'text', required: true, rest: true, description: `What was decided, up to ${DECISION_TITLE_MAX} characters.` },
    { name: 'category', kind: 'flag', type: 'string', choices: DECISION_CATEGORIES, description: 'The area it decides (default other).' },
    { name: 'service', kind: 'flag', type: 'string', description: 'The service it is for; absent means every service.' },
    { name: 'context', kind: 'flag', type: 'text', rest: true, description: 'The problem and the forces at play.' },
    { name: 'options', kind: 'flag', type: 'text', rest: true, placeholder: 'a; b; c', description: 'The options considered, separated by semicolons.' },
    { name: 'outcome', kind: 'flag', type: 'text', rest: true, description: 'The option chosen, and why.' },
    { name: 'consequences', kind: 'flag', type: 'text', rest: true, description: 'What follows from it, good and bad.' },
    { name: 'owner', kind: 'flag', type: 'person', description: 'Who answers for it (default you).' },
  ],
  schema: z.object({
    title: textArg(DECISION_TITLE_MAX, 'title'),
    category: categoryArg().optional(),
    service: serviceArg().optional(),
    context: textArg(4000, 'context').optional(),
    options: optionsArg().optional(),
    outcome: textArg(4000, 'outcome').optional(),
    consequences: textArg(4000, 'consequences').optional(),
    owner: personArg().optional(),
  }),
  permission: 'decide',
  async handler(ctx) {
    const { args } = ctx;
    const decision = await ctx.transact((tx) =>
      createDecision(
        ctx.ops,
        tx,
        {
          title: args.title,
          category: args.category ?? 'other',
          channel: ctx.place.channel,
          ...(args.service !== undefined ? { service: args.service } : {}),
          ...(args.context !== undefined ? { context: args.context } : {}),
          ...(args.options !== undefined ? { options: args.options } : {}),
          ...(args.outcome !== undefined ? { outcome: args.outcome } : {}),
          ...(args.consequences !== undefined ? { consequences: args.consequences } : {}),
          ...(args.owner !== undefined ? { owner: args.owner } : {}),
        },
        decisionActor(ctx),
      ),
    );
    const text = `Recorded ${decision.id} as proposed (${decision.category}${decision.service ? `, ${decision.service}` : ''}): ${decision.title}`;
    return reply({ tone: 'success', text, context: [`Accept it with: decision accept ${decision.id}`] }, 'private');
  },
});
