import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { nowLine } from '../bot/oncall/message.js';
import { schedulesNamed } from '../bot/oncall/query.js';
import { levelsOf } from '../bot/oncall/schedules.js';
import { currentSegment, overridesOf } from '../bot/oncall/who.js';

export const oncallCommand = defineCommand({
  name: 'oncall',
  group: 'oncall',
  summary: 'Who is on call now, for every schedule or for one service, and until when.',
  examples: ['oncall', 'oncall api'],
  args: [{ name: 'service', kind: 'positional', type: 'string', description: 'A service or schedule name.' }],
  schema: z.object({ service: z.string().trim().toLowerCase().optional() }),
  permission: 'view',
  async handler(ctx) {
    const lines = await ctx.ops.store.read(async (tx) => {
      const out: string[] = [];
      for (const schedule of await schedulesNamed(ctx.ops, tx, ctx.args.service)) {
        const overrides = await overridesOf(tx, schedule.name);
        const covers = schedule.services.length > 0 ? ` (${schedule.services.join(', ')})` : '';
        out.push(`${schedule.name}${covers}`);
        for (const level of levelsOf(schedule)) out.push(`  ${nowLine(schedule, level, currentSegment(schedule, level, ctx.now, overrides))}`);
      }
      return out;
    });
    return reply({ title: 'On call now', text: lines.join('\n') }, 'private');
  },
});
