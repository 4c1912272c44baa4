import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { resolveIncident } from '../bot/incidents/lifecycle.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentResolveCommand = defineCommand({
  name: 'incident resolve',
  group: 'incidents',
  summary: 'Resolves an incident; its postmortem skeleton is then ready.',
  examples: ['incident resolve INC-3 --summary Bad config in 1.4.2, rolled back'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'summary', kind: 'flag', type: 'text', rest: true, description: 'What happened, in a sentence or two.' },
  ],
  schema: z.object({ id: idArg('incident'), summary: textArg(2000, 'summary').optional() }),
  permission: 'incident',
  async handler(ctx) {
    const i = await ctx.transact((tx) => resolveIncident(ctx.ops, tx, ctx.args.id, ctx.args.summary, doerOf(ctx)));
    return reply({ tone: 'success', text: `${i.id} resolved. Write it up with incident postmortem ${i.id}.` });
  },
});
