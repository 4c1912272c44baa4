import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { getDeployment } from '../bot/deployments/find.js';
import { deploymentMessage } from '../bot/deployments/message.js';
import { reply } from '../bot/model.js';

export const deployStatusCommand = defineCommand({
  name: 'deploy-status',
  group: 'deploys',
  summary: 'Shows one deployment: its state, approvals, engine and last output.',
  examples: ['deploy-status DEP-12'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'deployment', required: true, description: 'The deployment (DEP-12 or 12).' }],
  schema: z.object({ id: idArg('deployment') }),
  permission: 'view',
  async handler(ctx) {
    const d = await ctx.ops.store.read((tx) => getDeployment(tx, ctx.args.id));
    const message = deploymentMessage(d);
    // Only the run's link stays: the state-changing buttons belong on the shared message.
    const links = (message.buttons ?? []).filter((b) => b.kind === 'link');
    if (links.length > 0) message.buttons = links;
    else delete message.buttons;
    const history = d.history.map((h) => `${h.at.slice(11, 19)} ${h.state}${h.by ? ` (${h.by})` : ''}${h.note ? `: ${h.note}` : ''}`);
    message.fields = [...(message.fields ?? []), { label: 'History', value: history.join('\n') }];
    if (d.logTail.length > 0) message.fields.push({ label: 'Output', value: d.logTail.join('\n') });
    return reply(message, 'private');
  },
});
