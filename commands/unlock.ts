import { z } from 'zod';
import { envArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { unlockEnv } from '../bot/deployments/locks.js';
import { reply } from '../bot/model.js';

export const unlockCommand = defineCommand({
  name: 'unlock',
  group: 'deploys',
  summary: 'Releases an environment you locked (admins may release anyone\'s).',
  examples: ['unlock staging'],
  args: [{ name: 'env', kind: 'positional', type: 'string', required: true, description: 'The environment.' }],
  schema: z.object({ env: envArg() }),
  permission: (args) => ({ permission: 'lock', env: args.env }),
  async handler(ctx) {
    const actor = deployActor(ctx);
    await auditRefusals(ctx, 'env.unlock', ctx.args.env, () => ctx.transact((tx) => unlockEnv(ctx.ops, tx, ctx.args.env, actor)));
    return reply({ tone: 'success', text: `${ctx.args.env} is unlocked.` });
  },
});
