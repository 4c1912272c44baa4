import { z } from 'zod';
import { envArg, serviceArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { rollback } from '../bot/deployments/rollback.js';
import { reply } from '../bot/model.js';

export const rollbackCommand = defineCommand({
  name: 'rollback',
  group: 'deploys',
  summary: 'Deploys the version that last succeeded before the current one, through the same policy.',
  examples: ['rollback api production', 'rollback web staging --reason broken checkout'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', required: true, description: 'The service.' },
    { name: 'env', kind: 'positional', type: 'string', required: true, description: 'The environment.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the record.' },
  ],
  schema: z.object({ service: serviceArg(), env: envArg(), reason: textArg(500, 'reason').optional() }),
  permission: (args) => ({ permission: 'deploy', env: args.env }),
  async handler(ctx) {
    const { service, env, reason } = ctx.args;
    const actor = deployActor(ctx);
    const d = await auditRefusals(ctx, 'deployment.rollback', undefined, () => ctx.transact((tx) => rollback(ctx.ops, tx, service, env, actor, ctx.place, reason)));
    const next = d.state === 'awaiting_approval' ? `it needs approval (approve ${d.id})` : 'starting now';
    return reply({ tone: 'warning', text: `${d.id}: rolling ${service} in ${env} back to ${d.version} (replaces ${d.rollbackOf}), ${next}.` });
  },
});
