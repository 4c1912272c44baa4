import { z } from 'zod';
import { envArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { resumeLine } from '../bot/deployments/halt.js';
import { reply } from '../bot/model.js';

export const resumeCommand = defineCommand({
  name: 'resume',
  group: 'deploys',
  summary: 'Resumes deployments in an environment after halt <env>.',
  examples: ['resume production'],
  args: [{ name: 'env', kind: 'positional', type: 'string', required: true, description: 'The environment.' }],
  schema: z.object({ env: envArg() }),
  permission: (args) => ({ permission: 'halt', env: args.env }),
  async handler(ctx) {
    const actor = deployActor(ctx);
    await auditRefusals(ctx, 'line.resume', ctx.args.env, () => ctx.transact((tx) => resumeLine(ctx.ops, tx, ctx.args.env, actor)));
    return reply({ tone: 'success', text: `The line in ${ctx.args.env} is open again.` });
  },
});
