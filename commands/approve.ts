import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { deployActor } from '../bot/deployments/actor.js';
import { approveDeployment } from '../bot/deployments/approve.js';
import { needInDeploymentEnv } from '../bot/deployments/permission.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { reply } from '../bot/model.js';

export const approveCommand = defineCommand({
  name: 'approve',
  group: 'deploys',
  summary: 'Approves a deployment that waits for approval.',
  description: 'Needs the approve permission in the deployment\'s environment; nobody approves their own deployment.',
  examples: ['approve DEP-12', 'approve 12'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'deployment', required: true, description: 'The deployment (DEP-12 or 12).' }],
  schema: z.object({ id: idArg('deployment') }),
  permission: (args, ops) => needInDeploymentEnv(ops, 'approve', args.id),
  async handler(ctx) {
    const actor = deployActor(ctx);
    const d = await auditRefusals(ctx, 'deployment.approve', ctx.args.id, () => ctx.transact((tx) => approveDeployment(ctx.ops, tx, ctx.args.id, actor)));
    const text = d.state === 'queued' ? `${d.id} approved; starting ${d.service} ${d.version} in ${d.env}.` : `${d.id} approved (${d.approvals.length} of ${d.approvalsRequired}).`;
    return reply({ tone: 'success', text });
  },
});
