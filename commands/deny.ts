import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { denyDeployment } from '../bot/deployments/approve.js';
import { needInDeploymentEnv } from '../bot/deployments/permission.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { reply } from '../bot/model.js';

export const denyCommand = defineCommand({
  name: 'deny',
  group: 'deploys',
  summary: 'Denies a deployment that waits for approval.',
  examples: ['deny DEP-12 --reason not during the sale'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'deployment', required: true, description: 'The deployment (DEP-12 or 12).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the requester.' },
  ],
  schema: z.object({ id: idArg('deployment'), reason: textArg(500, 'reason').optional() }),
  permission: (args, ops) => needInDeploymentEnv(ops, 'approve', args.id),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const d = await auditRefusals(ctx, 'deployment.deny', ctx.args.id, () =>
      ctx.transact((tx) => denyDeployment(ctx.ops, tx, ctx.args.id, actor, ctx.args.reason)),
    );
    return reply({ tone: 'warning', text: `${d.id} denied${ctx.args.reason ? `: ${ctx.args.reason}` : '.'}` });
  },
});
