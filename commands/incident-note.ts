import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { addNote } from '../bot/incidents/lifecycle.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentNoteCommand = defineCommand({
  name: 'incident note',
  group: 'incidents',
  summary: 'Adds a note to the timeline (the way to do it where thread replies do not reach dayops).',
  examples: ['incident note INC-3 Rolled back DEP-12; error rate falling'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'text', kind: 'positional', type: 'text', rest: true, required: true, description: 'The note.' },
  ],
  schema: z.object({ id: idArg('incident'), text: textArg(2000, 'note') }),
  permission: 'incident',
  async handler(ctx) {
    const i = await ctx.transact((tx) => addNote(ctx.ops, tx, ctx.args.id, ctx.args.text, doerOf(ctx)));
    return reply({ tone: 'info', text: `Note recorded on ${i.id}.` }, 'private');
  },
});
