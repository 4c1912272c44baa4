import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';

export const runbooksCommand = defineCommand({
  name: 'runbooks',
  group: 'runbooks',
  summary: 'Lists the configured runbooks.',
  examples: ['runbooks'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const entries = Object.entries(ctx.ops.config.runbooks);
    if (entries.length === 0) return reply({ text: 'No runbooks are configured; add them under runbooks: in the config.' }, 'private');
    const lines = entries.map(([name, r]) => {
      const where = r.envs ? ` · ${r.envs.join(', ')}` : '';
      const approvals = r.approvals > 0 ? ` · ${r.approvals} approval${r.approvals === 1 ? '' : 's'}` : '';
      return `${name} · ${r.description} · ${r.engine.type}${where}${approvals}`;
    });
    return reply({ title: 'Runbooks', text: lines.join('\n') }, 'private');
  },
});
