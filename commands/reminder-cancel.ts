import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';
import { cancelReminder } from '../bot/reminders/lifecycle.js';

export const reminderCancelCommand = defineCommand({
  name: 'reminder cancel',
  group: 'reminders',
  summary: 'Cancels a reminder for good.',
  examples: ['reminder cancel REM-3'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'reminder', required: true, description: 'The reminder.' }],
  schema: z.object({ id: idArg('reminder') }),
  permission: 'reminders',
  async handler(ctx) {
    const r = await ctx.transact((tx) => cancelReminder(ctx.ops, tx, ctx.args.id, doerOf(ctx)));
    return reply({ tone: 'info', text: `${r.id} cancelled: ${r.text}` });
  },
});
