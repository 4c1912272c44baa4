import { z } from 'zod';
import { flagArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { pageArg, pageArgSpec, pageOf } from '../bot/list-page.js';
import { reply } from '../bot/model.js';
import { reminderLine } from '../bot/reminders/message.js';

export const remindersCommand = defineCommand({
  name: 'reminders',
  group: 'reminders',
  summary: 'Lists reminders with their next run.',
  examples: ['reminders', 'reminders --all'],
  args: [{ name: 'all', kind: 'flag', type: 'boolean', description: 'Include cancelled and finished ones.' }, pageArgSpec],
  schema: z.object({ all: flagArg(), page: pageArg() }),
  permission: 'view',
  async handler(ctx) {
    const state = ctx.args.all ? 'all' : 'open';
    const list = await ctx.ops.store.read((tx) => tx.list('reminder', { state }));
    list.sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4)));
    if (list.length === 0) return reply({ text: 'No reminders yet; create one with remind #ops <what> --cron "0 9 * * MON".' }, 'private');
    return reply({ title: 'Reminders', text: pageOf(list.map((r) => reminderLine(r, ctx.ops.config.timezone)), ctx.args.page, ctx.args.all ? 'reminders --all' : 'reminders') }, 'private');
  },
});
