import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { postUpdate } from '../bot/incidents/lifecycle.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentUpdateCommand = defineCommand({
  name: 'incident update',
  group: 'incidents',
  summary: 'Posts a status update in the incident thread and records it; the nudge clock starts again.',
  examples: ['incident update INC-3 Rolled back DEP-12; error rate falling'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'text', kind: 'positional', type: 'text', rest: true, required: true, description: 'The update.' },
  ],
  schema: z.object({ id: idArg('incident'), text: textArg(2000, 'update') }),
  permission: 'incident',
  async handler(ctx) {
    const i = await ctx.transact((tx) => postUpdate(ctx.ops, tx, ctx.args.id, ctx.args.text, doerOf(ctx)));
    return reply({ tone: 'info', text: `Update recorded on ${i.id}.` }, 'private');
  },
});
