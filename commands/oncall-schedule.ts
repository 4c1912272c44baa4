import { z } from 'zod';
import { integerArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { shortTime, tableRows } from '../bot/oncall/message.js';
import { schedulesNamed } from '../bot/oncall/query.js';
import { levelsOf } from '../bot/oncall/schedules.js';
import { overridesOf, timeline } from '../bot/oncall/who.js';

export const oncallScheduleCommand = defineCommand({
  name: 'oncall schedule',
  group: 'oncall',
  summary: 'The on-call calendar of a service or schedule for the coming weeks, as a table.',
  examples: ['oncall schedule api --weeks 4', 'oncall schedule api'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', required: true, description: 'A service or schedule name.' },
    { name: 'weeks', kind: 'flag', type: 'integer', description: 'How many weeks ahead (1–12, default 2).' },
  ],
  schema: z.object({ service: z.string().trim().toLowerCase().min(1), weeks: integerArg(1, 12).default(2) }),
  permission: 'view',
  async handler(ctx) {
    const to = new Date(ctx.now.getTime() + ctx.args.weeks * 7 * 86_400_000);
    const blocks = await ctx.ops.store.read(async (tx) => {
      const out: string[] = [];
      for (const schedule of await schedulesNamed(ctx.ops, tx, ctx.args.service)) {
        const overrides = await overridesOf(tx, schedule.name);
        out.push(`${schedule.name}, ${schedule.timezone}, ${shortTime(ctx.now, schedule.timezone)} → ${shortTime(to, schedule.timezone)}`);
        for (const level of levelsOf(schedule)) out.push(level, ...tableRows(schedule, timeline(schedule, level, ctx.now, to, overrides)));
      }
      return out;
    });
    return reply({ title: `On-call schedule, ${ctx.args.weeks} week${ctx.args.weeks === 1 ? '' : 's'}`, text: blocks.join('\n') }, 'private');
  },
});
