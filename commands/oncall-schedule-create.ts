import { z } from 'zod';
import { textArg } from '../bot/args.js';
import { whoOf } from '../bot/alerts/who.js';
import { resolveChannelRef } from '../bot/channel-names.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { createChatSchedule } from '../bot/oncall/chat-schedules.js';
import { describeSchedule } from '../bot/oncall/describe.js';
import { parseLayerSpec } from '../bot/oncall/layer-spec.js';

const word = z.string().trim().toLowerCase().min(1);

export const oncallScheduleCreateCommand = defineCommand({
  name: 'oncall schedule create',
  group: 'oncall',
  summary: 'Makes an on-call schedule from chat: its layers, people in order, shifts, handoff time, zone and what it covers.',
  description:
    'Each --layer is `<level>: <people in order> [shift] [first day] [handoff time] [windows]`, e.g. "primary: @alice @bob weekly 2026-03-02 09:00 weekdays 09:00-17:00". ' +
    '--shift, --start and --handoff set what layers leave out (weekly, today, 09:00). A schedule in the config file with the same name wins, so that name is refused.',
  examples: [
    'oncall schedule create payments --layer "primary: @alice @bob @carol weekly" --layer "secondary: @bob @carol @alice weekly" --service api --timezone Europe/Berlin',
    'oncall schedule create web --layer "@maria @carol daily weekdays 09:00-17:00" --start 2026-03-02 --handoff 09:00 --service web',
  ],
  args: [
    { name: 'name', kind: 'positional', type: 'string', required: true, description: 'The schedule\'s name (lower-case letters, digits, -).' },
    { name: 'layer', kind: 'flag', type: 'text', repeatable: true, required: true, description: 'A layer: level, people in order, shift, first day, handoff, windows.' },
    { name: 'timezone', kind: 'flag', type: 'string', description: 'Its time zone (Europe/Berlin); absent: the team\'s.' },
    { name: 'service', kind: 'flag', type: 'string', repeatable: true, description: 'A service it covers.' },
    { name: 'route', kind: 'flag', type: 'string', repeatable: true, description: 'A named alert route it covers.' },
    { name: 'policy', kind: 'flag', type: 'string', description: 'Its escalation policy.' },
    { name: 'channel', kind: 'flag', type: 'channel', description: 'Where handoff summaries go; absent: the ops channel.' },
    { name: 'shift', kind: 'flag', type: 'string', description: 'Shift of layers that name none: daily, weekly, 3d, 2w, 12h.' },
    { name: 'start', kind: 'flag', type: 'string', description: 'First day of layers that name none (2026-03-02); absent: today.' },
    { name: 'handoff', kind: 'flag', type: 'string', description: 'Handoff time of layers that name none (09:00).' },
    { name: 'description', kind: 'flag', type: 'text', description: 'What it is for.' },
    { name: 'replace', kind: 'flag', type: 'boolean', description: 'Replace a schedule made from chat under this name.' },
  ],
  schema: z.object({
    name: word,
    layer: z.array(z.string()).min(1, { message: 'give at least one --layer, such as --layer "primary: @alice @bob weekly"' }),
    timezone: z.string().trim().optional(),
    service: z.array(word).optional(),
    route: z.array(word).optional(),
    policy: word.optional(),
    channel: z.string().trim().min(1).optional(),
    shift: word.optional(),
    start: z.string().trim().optional(),
    handoff: z.string().trim().optional(),
    description: textArg(300, 'description').optional(),
    replace: z.boolean().default(false),
  }),
  permission: 'oncall.schedules',
  async handler(ctx) {
    const { args } = ctx;
    const layers = args.layer.map(parseLayerSpec);
    const channel = args.channel ? await resolveChannelRef(ctx.ops, args.channel, ctx.place.channel) : undefined;
    const input = {
      name: args.name,
      layers,
      services: [...new Set(args.service ?? [])],
      routes: [...new Set(args.route ?? [])],
      replace: args.replace,
      by: whoOf(ctx),
      ...pick({ timezone: args.timezone, policy: args.policy, channel, description: args.description, shift: args.shift, start: args.start, handoff: args.handoff }),
    };
    const definition = await ctx.transact(async (tx) => {
      const made = await createChatSchedule(ctx.ops, tx, input, ctx.now);
      tx.audit(ctx.auditEvent('oncall.schedule-create', args.name, `${args.replace ? 'replaced' : 'created'} schedule ${args.name}: ${describeSchedule(made, ctx.ops.config.timezone).join('; ')}`));
      return made;
    });
    const lines = describeSchedule(definition, ctx.ops.config.timezone);
    return reply({ tone: 'success', title: `Schedule ${args.name} ${args.replace ? 'replaced' : 'created'}`, text: lines.join('\n') });
  },
});

/** The entries that have a value, so absent options stay absent. */
function pick<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
