import { z } from 'zod';
import { envArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { createFreeze, describeFreeze } from '../bot/deployments/freeze-commands.js';
import { reply } from '../bot/model.js';

export const freezeCommand = defineCommand({
  name: 'freeze',
  group: 'deploys',
  summary: 'Freezes deploys to an environment for a window, once or on a cron schedule.',
  examples: [
    'freeze production --until "2026-12-27 09:00" --reason holidays',
    'freeze production --from "friday 18:00" --until "monday 08:00" --reason weekend',
    'freeze production --cron "0 18 * * FRI" --duration 62h --reason no weekend deploys',
  ],
  args: [
    { name: 'env', kind: 'positional', type: 'string', required: true, description: 'The environment.' },
    { name: 'from', kind: 'flag', type: 'time', description: 'When it starts (default now).' },
    { name: 'until', kind: 'flag', type: 'time', description: 'When it ends.' },
    { name: 'cron', kind: 'flag', type: 'string', description: 'A recurring start (five cron fields, team time zone).' },
    { name: 'duration', kind: 'flag', type: 'duration', description: 'How long each recurring window lasts.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, required: true, description: 'Why, shown to anyone refused.' },
  ],
  schema: z.object({
    env: envArg(),
    from: z.string().trim().min(1).optional(),
    until: z.string().trim().min(1).optional(),
    cron: z.string().trim().min(1).optional(),
    duration: z.string().trim().min(1).optional(),
    reason: textArg(500, 'reason'),
  }),
  permission: (args) => ({ permission: 'freeze', env: args.env }),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const { env, from, until, cron, duration, reason } = ctx.args;
    const input = { env, reason, ...(from ? { from } : {}), ...(until ? { until } : {}), ...(cron ? { cron } : {}), ...(duration ? { duration } : {}) };
    const f = await ctx.transact((tx) => createFreeze(ctx.ops, tx, input, actor));
    return reply({ tone: 'warning', text: `${f.id}: ${env} is frozen ${describeFreeze(f, ctx.ops.config.timezone)} (${reason}).` });
  },
});
