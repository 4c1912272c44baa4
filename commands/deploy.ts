import { z } from 'zod';
import { envArg, flagArg, serviceArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
import { deployActor } from '../bot/deployments/actor.js';
import { requestDeployment } from '../bot/deployments/request.js';
import { auditRefusals } from '../bot/deployments/refusal.js';
import { versionArg } from '../bot/deployments/version-arg.js';
import { reply } from '../bot/model.js';

export const deployCommand = defineCommand({
  name: 'deploy',
  group: 'deploys',
  summary: 'Deploys a version of a service to an environment, through its policy and approvals.',
  description:
    'Environments may need approvals, refuse deploys while locked, frozen, halted or not ready (Day-0 decisions), and run one deployment per service at a time. An admin may deploy through a freeze, or without fresh Day-2 evidence (an overdue restore test), with --override --reason; both are audited.',
  examples: ['deploy api 1.4.2 to staging', 'deploy api v1.4.2 to production --reason fixes the login bug', 'deploy web 2.0.1 production --override --reason hotfix for INC-3'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', required: true, description: 'The service (api).' },
    { name: 'version', kind: 'positional', type: 'string', required: true, description: 'A tag, a ref or a version (1.4.2).' },
    { name: 'env', kind: 'positional', type: 'string', required: true, after: 'to', description: 'The environment (production).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the record (required with --override).' },
    { name: 'override', kind: 'flag', type: 'boolean', description: 'Deploy through a freeze or without fresh evidence (admins only).' },
    { name: 'confirm', kind: 'flag', type: 'boolean', description: 'Deploy to production although your on-call shift ends within minutes.' },
  ],
  schema: z.object({ service: serviceArg(), version: versionArg(), env: envArg(), reason: textArg(500, 'reason').optional(), override: flagArg(), confirm: flagArg() }),
  permission: (args) => ({ permission: 'deploy', env: args.env }),
  async handler(ctx) {
    const { service, version, env, reason, override, confirm } = ctx.args;
    if (override && !reason) throw badInput('--override needs --reason: say why this deployment may go through the freeze or without fresh evidence.');
    const actor = deployActor(ctx);
    const input = { service, version, env, place: ctx.place, ...(reason ? { reason } : {}), ...(override && reason ? { override: reason } : {}), ...(confirm ? { confirmed: true } : {}) };
    const d = await auditRefusals(ctx, 'deployment.request', undefined, () => ctx.transact((tx) => requestDeployment(ctx.ops, tx, input, actor)));
    const next = d.state === 'awaiting_approval' ? `it needs ${d.approvalsRequired} approval${d.approvalsRequired > 1 ? 's' : ''} (approve ${d.id})` : 'starting now';
    return reply({ tone: 'info', text: `${d.id}: ${service} ${version} → ${env}, ${next}.` });
  },
});
