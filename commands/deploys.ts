import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { allDeployments } from '../bot/deployments/find.js';
import { stateLabel } from '../bot/deployments/message.js';
import { checkDeployEnv, checkDeployService } from '../bot/deployments/policy.js';
import { reply } from '../bot/model.js';

const SHOWN = 20;

export const deploysCommand = defineCommand({
  name: 'deploys',
  group: 'deploys',
  summary: 'Lists deployments, newest first, optionally of one service and environment.',
  examples: ['deploys', 'deploys api', 'deploys api production'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', description: 'Only this service.' },
    { name: 'env', kind: 'positional', type: 'string', description: 'Only this environment.' },
  ],
  schema: z.object({ service: z.string().trim().toLowerCase().optional(), env: z.string().trim().toLowerCase().optional() }),
  permission: 'view',
  async handler(ctx) {
    const { service, env } = ctx.args;
    const all = await ctx.ops.store.read((tx) =>
      allDeployments(tx, { ...(service === undefined ? {} : { service }), ...(env === undefined ? {} : { env }) }),
    );
    if (all.length === 0) {
      // A name nothing was ever deployed under, and the config does not know, is a typo, not an empty history.
      if (service !== undefined && !ctx.ops.config.services[service]) checkDeployService(ctx.ops, service);
      if (env !== undefined && !ctx.ops.config.environments[env]) checkDeployEnv(ctx.ops, env);
      const of = [service && `of ${service}`, env && `to ${env}`].filter(Boolean).join(' ');
      return reply({ tone: 'info', text: of ? `No deployments ${of} yet.` : 'No deployments yet.' }, 'private');
    }
    const lines = all
      .reverse()
      .slice(0, SHOWN)
      .map((d) => `${d.id} · ${d.service} ${d.version} → ${d.env} · ${stateLabel(d.state)} · ${d.requester.person ?? d.requester.displayName} · ${d.createdAt.slice(0, 16).replace('T', ' ')}`);
    const more = all.length > SHOWN ? [`${all.length - SHOWN} older not shown`] : [];
    return reply({ title: 'Deployments', text: lines.join('\n'), context: more }, 'private');
  },
});
