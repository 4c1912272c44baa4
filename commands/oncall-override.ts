import { z } from 'zod';
import { personArg, textArg, timeArg } from '../bot/args.js';
import { whoOf } from '../bot/alerts/who.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { createOverride } from '../bot/oncall/overrides.js';
import { scheduleForChange } from '../bot/oncall/query.js';
import { formatTime, parseTime } from '../bot/time.js';

export const oncallOverrideCommand = defineCommand({
  name: 'oncall override',
  group: 'oncall',
  summary: 'Puts someone on call instead of the rotation for a while.',
  description: 'Times read in the schedule\'s zone. The newest override wins where two overlap.',
  examples: ['oncall override @bob --until "tomorrow 9:00" --reason dentist', 'oncall override @bob --from "2026-03-02 09:00" --until "2026-03-03 09:00" --schedule api --level secondary --reason swap'],
  args: [
    { name: 'person', kind: 'positional', type: 'person', required: true, description: 'Who is on call instead (@bob).' },
    { name: 'from', kind: 'flag', type: 'time', description: 'When it starts; absent: now.' },
    { name: 'until', kind: 'flag', type: 'time', required: true, description: 'When it ends.' },
    { name: 'schedule', kind: 'flag', type: 'string', description: 'Which schedule; needed when there are several.' },
    { name: 'level', kind: 'flag', type: 'string', description: 'primary (the default), secondary, …' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, required: true, description: 'Why, shown with the override.' },
  ],
  schema: z.object({
    person: personArg(),
    from: timeArg().optional(),
    until: timeArg(),
    schedule: z.string().trim().toLowerCase().optional(),
    level: z.string().trim().toLowerCase().default('primary'),
    reason: textArg(300, 'reason'),
  }),
  permission: 'oncall',
  async handler(ctx) {
    const { args } = ctx;
    const by = whoOf(ctx);
    const { override, replaces, tz } = await ctx.transact(async (tx) => {
      const schedule = await scheduleForChange(ctx.ops, tx, args.schedule);
      const tz = schedule.timezone;
      const from = args.from ? parseTime(args.from, { tz, now: ctx.now }) : ctx.now;
      const until = parseTime(args.until, { tz, now: ctx.now });
      const made = await createOverride(ctx.ops, tx, { schedule, level: args.level, person: args.person, from, until, reason: args.reason, by }, ctx.now);
      tx.audit(ctx.auditEvent('oncall.override', made.override.id, `${args.person} on call for ${schedule.name} ${args.level} from ${made.override.from} until ${made.override.until}: ${args.reason}`));
      return { ...made, tz };
    });
    const instead = replaces ? ` instead of ${replaces}` : '';
    const span = `from ${formatTime(new Date(override.from), tz)} until ${formatTime(new Date(override.until), tz)}`;
    return reply({ tone: 'info', text: `${override.id}: ${override.person} is ${override.level} on call for ${override.schedule}${instead} ${span} (${override.reason}).` });
  },
});
