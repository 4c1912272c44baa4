import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { checkDeployEnv } from '../bot/deployments/policy.js';
import { statusMessage } from '../bot/deployments/status.js';
import { reply } from '../bot/model.js';

export const statusCommand = defineCommand({
  name: 'status',
  group: 'deploys',
  summary: 'Shows what version of each service is where, with locks, freezes, halts and deploys in flight.',
  examples: ['status', 'status production'],
  args: [{ name: 'env', kind: 'positional', type: 'string', description: 'Only this environment.' }],
  schema: z.object({ env: z.string().trim().toLowerCase().optional() }),
  permission: 'view',
  async handler(ctx) {
    if (ctx.args.env) checkDeployEnv(ctx.ops, ctx.args.env);
    const message = await ctx.ops.store.read((tx) => statusMessage(ctx.ops, tx, ctx.args.env));
    return reply(message, 'private');
  },
});
