import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { deleteChatSchedule } from '../bot/oncall/chat-schedules.js';

export const oncallScheduleDeleteCommand = defineCommand({
  name: 'oncall schedule delete',
  group: 'oncall',
  summary: 'Deletes an on-call schedule made from chat or imported (one in the config file is changed there).',
  examples: ['oncall schedule delete payments'],
  args: [{ name: 'name', kind: 'positional', type: 'string', required: true, description: 'The schedule.' }],
  schema: z.object({ name: z.string().trim().toLowerCase().min(1) }),
  permission: 'oncall.schedules',
  async handler(ctx) {
    const { name } = ctx.args;
    const { overrides } = await ctx.transact(async (tx) => {
      const done = await deleteChatSchedule(ctx.ops, tx, name);
      tx.audit(ctx.auditEvent('oncall.schedule-delete', name, `deleted schedule ${name}${done.overrides > 0 ? ` and its ${done.overrides} override(s)` : ''}`));
      return done;
    });
    const also = overrides > 0 ? ` Its ${overrides} override${overrides === 1 ? '' : 's'} no longer appl${overrides === 1 ? 'ies' : 'y'}.` : '';
    return reply({ tone: 'warning', text: `Schedule ${name} deleted: nobody is paged through it any more.${also}` });
  },
});
