import { z } from 'zod';
import { flagArg, serviceArg } from '../bot/args.js';
import { openAlertGroups } from '../bot/alerts/open-groups.js';
import { defineCommand } from '../bot/command.js';
import { pageArg, pageArgSpec, pageOf } from '../bot/list-page.js';
import { reply } from '../bot/model.js';
import type { AlertGroupRecord } from '../data/records/alert-group.js';

const DAY_MS = 86_400_000;

export const alertsCommand = defineCommand({
  name: 'alerts',
  group: 'alerts',
  summary: 'Lists firing alert groups, for one service or all.',
  description: 'Muted groups (maintenance, silences) are left out unless you add --all, which also lists groups resolved in the last day.',
  examples: ['alerts', 'alerts checkout', 'alerts --all'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', description: 'Only this service.' },
    { name: 'all', kind: 'flag', type: 'boolean', description: 'Include muted groups and those resolved in the last day.' },
    pageArgSpec,
  ],
  schema: z.object({ service: serviceArg().optional(), all: flagArg(), page: pageArg() }),
  permission: 'view',
  async handler(ctx) {
    const { service, all } = ctx.args;
    const since = ctx.now.getTime() - DAY_MS;
    const groups = await ctx.ops.store.read(async (tx) => {
      const open = await openAlertGroups(ctx.ops, tx, service ? { service } : {});
      if (!all) return open.filter((g) => !g.mutedBy && !g.silence);
      const resolved = await tx.query('alertGroup.closedSince', { since: new Date(since).toISOString(), ...(service ? { service } : {}) });
      return [...open, ...resolved];
    });
    const scope = service ? ` for ${service}` : '';
    if (groups.length === 0) return reply({ tone: 'success', text: `Nothing is firing${scope}.` }, 'private');
    return reply({ title: `${groups.length} alert group${groups.length === 1 ? '' : 's'}${scope}`, text: pageOf(groups.map(line), ctx.args.page, `alerts${service ? ` ${service}` : ''}${all ? ' --all' : ''}`) }, 'private');
  },
});

function line(g: AlertGroupRecord): string {
  const firing = Object.values(g.alerts).filter((a) => a.status === 'firing').length;
  const state = g.status === 'resolved' ? 'resolved' : `${firing} firing`;
  const notes = [g.acknowledged ? `acked by ${g.acknowledged.by}` : '', g.silence ? `silenced (${g.silence})` : '', g.mutedBy ? `muted by ${g.mutedBy}` : '']
    .filter(Boolean)
    .join(', ');
  return `${g.id} ${g.severity ?? ''} ${g.title}: ${state}${notes ? `; ${notes}` : ''}`.replace(/\s+/g, ' ');
}
