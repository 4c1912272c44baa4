import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';
import { resumeReminder } from '../bot/reminders/lifecycle.js';

export const reminderResumeCommand = defineCommand({
  name: 'reminder resume',
  group: 'reminders',
  summary: 'Resumes a paused reminder from now on (runs missed while paused are skipped).',
  examples: ['reminder resume REM-3'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'reminder', required: true, description: 'The reminder.' }],
  schema: z.object({ id: idArg('reminder') }),
  permission: 'reminders',
  async handler(ctx) {
    const r = await ctx.transact((tx) => resumeReminder(ctx.ops, tx, ctx.args.id, doerOf(ctx)));
    return reply({ tone: 'info', text: `${r.id} resumed: ${r.text}` });
  },
});
