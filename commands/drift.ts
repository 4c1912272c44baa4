import { z } from 'zod';
import { serviceArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { driftOverview } from '../bot/drift/overview.js';
import { reply } from '../bot/model.js';

export const driftCommand = defineCommand({
  name: 'drift',
  group: 'alerts',
  summary: 'Lists open drift findings, and checks whose state is unknown or failed.',
  description:
    'A finding is raised when a service runs something other than what dayops last deployed (Argo CD, GitHub), or when an IaC drift-check runbook (kind: drift-check) finds changes. Each finding has Sync, Accept or Apply on its message; see docs/drift.md.',
  examples: ['drift', 'drift api'],
  args: [{ name: 'service', kind: 'positional', type: 'string', description: 'Only this service (or drift-check runbook).' }],
  schema: z.object({ service: serviceArg().optional() }),
  permission: 'view',
  async handler(ctx) {
    const { service } = ctx.args;
    const lines = await ctx.ops.store.read((tx) => driftOverview(tx, service));
    const scope = service ? ` for ${service}` : '';
    if (lines.length === 0) return reply({ tone: 'success', text: `No drift${scope}: every check agrees with what dayops deployed.` }, 'private');
    return reply({ title: `Drift${scope}`, text: lines.join('\n') }, 'private');
  },
});
