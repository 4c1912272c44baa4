import { z } from 'zod';
import { envArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { lockEnv } from '../bot/deployments/locks.js';
import { reply } from '../bot/model.js';

export const lockCommand = defineCommand({
  name: 'lock',
  group: 'deploys',
  summary: 'Holds an environment: only you may deploy there until you unlock it.',
  examples: ['lock staging --reason testing the migration'],
  args: [
    { name: 'env', kind: 'positional', type: 'string', required: true, description: 'The environment.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, shown to anyone refused.' },
  ],
  schema: z.object({ env: envArg(), reason: textArg(500, 'reason').optional() }),
  permission: (args) => ({ permission: 'lock', env: args.env }),
  async handler(ctx) {
    const actor = deployActor(ctx);
    await auditRefusals(ctx, 'env.lock', ctx.args.env, () => ctx.transact((tx) => lockEnv(ctx.ops, tx, ctx.args.env, actor, ctx.args.reason)));
    return reply({ tone: 'info', text: `${ctx.args.env} is locked by ${actor.who.displayName}; unlock ${ctx.args.env} when done.` });
  },
});
