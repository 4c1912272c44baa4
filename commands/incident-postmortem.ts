import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { postmortemMarkdown } from '../bot/incidents/postmortem.js';
import { reply } from '../bot/model.js';
import { followUpButtons } from '../bot/incidents/message.js';

export const incidentPostmortemCommand = defineCommand({
  name: 'incident postmortem',
  group: 'incidents',
  summary: 'Shows the postmortem skeleton in Markdown: summary, impact, timeline, alerts, deployments, decisions.',
  description: 'The command line `dayops export-postmortem <id> <file>` writes the same Markdown to a file.',
  examples: ['incident postmortem INC-3'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' }],
  schema: z.object({ id: idArg('incident') }),
  permission: 'view',
  async handler(ctx) {
    const { markdown, incident } = await ctx.ops.store.read(async (tx) => ({ markdown: await postmortemMarkdown(ctx.ops, tx, ctx.args.id), incident: await tx.get('incident', ctx.args.id) }));
    const buttons = incident ? followUpButtons(incident) : [];
    return reply({ title: `Postmortem of ${ctx.args.id}`, text: markdown, ...(buttons.length > 0 ? { buttons } : {}) }, 'private');
  },
});
