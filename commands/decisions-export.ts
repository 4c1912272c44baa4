import { join, resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { exportDecisions } from '../bot/decisions/export.js';
import { reply } from '../bot/model.js';

export const decisionsExportCommand = defineCommand({
  name: 'decisions-export',
  group: 'decisions',
  summary: 'Writes every decision as a Markdown decision record, with an index.',
  description:
    'Writes to decisions.exportDir from the config, or <dataDir>/decisions. Re-running updates the files in place and keeps whatever you wrote outside the generated parts. Needs the decide permission, as it writes files.',
  examples: ['decisions-export'],
  args: [],
  schema: z.object({}),
  permission: 'decide',
  async handler(ctx) {
    const { config } = ctx.ops;
    const dir = resolve(config.decisions.exportDir ?? join(config.dataDir, 'decisions'));
    const result = await exportDecisions(ctx.ops, dir);
    const summary = `${result.decisions} decision${result.decisions === 1 ? '' : 's'} to ${dir}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`;
    await ctx.ops.store.appendAudit(ctx.auditEvent('decision.export', undefined, `exported ${summary}`));
    return reply({ tone: 'success', text: `Exported ${summary}.`, context: [`Index: ${result.index}`] }, 'private');
  },
});
