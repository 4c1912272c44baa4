import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { closeActionItem } from '../bot/actions/record.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const actionDoneCommand = defineCommand({
  name: 'action done',
  group: 'incidents',
  summary: 'Closes a postmortem action item; a blocking one no longer holds back deploys.',
  examples: ['action done ACT-4', 'action done 4'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'actionItem', required: true, description: 'The action item.' }],
  schema: z.object({ id: idArg('actionItem') }),
  permission: 'incident',
  async handler(ctx) {
    const item = await ctx.transact((tx) => closeActionItem(ctx.ops, tx, ctx.args.id, doerOf(ctx)));
    return reply({ tone: 'success', text: `${item.id} done: ${item.title}.` });
  },
});
