import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { scheduleSchema } from '../bot/oncall/config-schema.js';
import { describeSchedule } from '../bot/oncall/describe.js';

export const oncallSchedulesCommand = defineCommand({
  name: 'oncall schedules',
  group: 'oncall',
  summary: 'Every on-call schedule as it is defined: where from (config file or chat), zone, coverage, layers.',
  examples: ['oncall schedules'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const { config } = ctx.ops;
    const stored = await ctx.ops.store.read((tx) => tx.list('oncallSchedule'));
    const blocks: string[] = [];
    for (const [name, schedule] of Object.entries(config.oncall.schedules)) {
      blocks.push(`${name} (config file)`, ...indent(describeSchedule(schedule, config.timezone)));
    }
    for (const record of [...stored].sort((a, b) => a.id.localeCompare(b.id))) {
      const parsed = scheduleSchema.safeParse(record.definition);
      const hidden = config.oncall.schedules[record.id] ? ', hidden: the config file has one of this name and wins' : '';
      blocks.push(`${record.id} (made by ${record.createdBy} ${record.createdAt.slice(0, 10)}${hidden})`);
      blocks.push(...indent(parsed.success ? describeSchedule(parsed.data, config.timezone) : ['not readable by this version of dayops; delete it and make it again']));
    }
    const text = blocks.length > 0 ? blocks.join('\n') : 'No on-call schedules yet: make one with oncall schedule create, or add them under oncall.schedules in the config file (docs/oncall.md).';
    return reply({ title: 'On-call schedules', text }, 'private');
  },
});

const indent = (lines: string[]) => lines.map((l) => `  ${l}`);
