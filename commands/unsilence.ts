import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { endSilenceFromChat } from '../bot/alerts/silences.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';

export const unsilenceCommand = defineCommand({
  name: 'unsilence',
  group: 'alerts',
  summary: 'Ends a silence now (and expires it in Alertmanager).',
  examples: ['unsilence SIL-2'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'silence', required: true, description: 'The silence (SIL-2 or 2).' }],
  schema: z.object({ id: idArg('silence') }),
  permission: 'alerts.silence',
  async handler(ctx) {
    const silence = await endSilenceFromChat(ctx, ctx.args.id);
    return reply({ tone: 'info', text: `${silence.id} has ended; matching alerts will notify again.` });
  },
});
