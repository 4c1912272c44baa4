import { z } from 'zod';
import { flagArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { idNumber } from '../bot/ids.js';
import { pageArg, pageArgSpec, pageOf } from '../bot/list-page.js';
import { reply } from '../bot/model.js';
import { formatTime } from '../bot/time.js';

export const incidentsCommand = defineCommand({
  name: 'incidents',
  group: 'incidents',
  summary: 'Lists incidents, newest first; --open for the open ones only.',
  examples: ['incidents', 'incidents --open'],
  args: [{ name: 'open', kind: 'flag', type: 'boolean', description: 'Only open incidents.' }, pageArgSpec],
  schema: z.object({ open: flagArg(), page: pageArg() }),
  permission: 'view',
  async handler(ctx) {
    const list = await ctx.ops.store.read((tx) => tx.query(ctx.args.open ? 'incident.open' : 'incident.history', {}));
    if (list.length === 0) return reply({ text: ctx.args.open ? 'No open incidents.' : 'No incidents yet.' }, 'private');
    const tz = ctx.ops.config.timezone;
    const lines = list
      .sort((a, b) => idNumber(b.id) - idNumber(a.id))
      .map((i) => `${i.id} · SEV${i.severity} · ${i.status} · ${i.title} · ${i.services.join(', ') || 'no service'} · commander ${i.roles.commander} · declared ${formatTime(new Date(i.declaredAt), tz)}`);
    const text = pageOf(lines, ctx.args.page, ctx.args.open ? 'incidents --open' : 'incidents');
    return reply({ title: ctx.args.open ? 'Open incidents' : 'Incidents', text }, 'private');
  },
});
