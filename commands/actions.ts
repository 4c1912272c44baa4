import { z } from 'zod';
import { flagArg, serviceArg } from '../bot/args.js';
import { actionItems, isOverdue } from '../bot/actions/find.js';
import { defineCommand } from '../bot/command.js';
import { checkService } from '../bot/decisions/checks.js';
import { reply } from '../bot/model.js';
import type { ActionItemRecord } from '../data/records/action-item.js';

export const actionsCommand = defineCommand({
  name: 'actions',
  group: 'incidents',
  summary: 'Lists postmortem action items: open ones first, with owner, due date and state.',
  examples: ['actions', 'actions --service api', 'actions --mine --overdue'],
  args: [
    { name: 'service', kind: 'flag', type: 'string', description: 'Only items of this service.' },
    { name: 'mine', kind: 'flag', type: 'boolean', description: 'Only items you own.' },
    { name: 'overdue', kind: 'flag', type: 'boolean', description: 'Only open items past their due day.' },
  ],
  schema: z.object({ service: serviceArg().optional(), mine: flagArg(), overdue: flagArg() }),
  permission: 'view',
  async handler(ctx) {
    const { service, mine, overdue } = ctx.args;
    if (service) checkService(ctx.ops, service);
    const me = ctx.actor.person ?? ctx.ops.people.identify(ctx.actor).person ?? ctx.actor.userId;
    const tz = ctx.ops.config.timezone;
    const now = ctx.ops.clock.now();
    const items = await ctx.ops.store.read((tx) =>
      actionItems(tx, (a) => (!service || a.services.includes(service)) && (!mine || a.owner === me) && (!overdue || isOverdue(a, now, tz))),
    );
    const ordered = [...items.filter((a) => a.state === 'open'), ...items.filter((a) => a.state === 'done')];
    if (ordered.length === 0) return reply({ text: 'No action items match.' }, 'private');
    return reply({ title: 'Action items', text: ordered.map((a) => line(a, isOverdue(a, now, tz))).join('\n') }, 'private');
  },
});

function line(a: ActionItemRecord, overdue: boolean): string {
  const state = a.state === 'done' ? `done by ${a.doneBy}` : overdue ? 'open, overdue' : 'open';
  const tags = [state, a.blocking && 'blocking', `owner ${a.owner}`, `due ${a.due}`, a.incident, a.services.join(', ') || undefined].filter(Boolean).join(' · ');
  return `${a.id} · ${a.title} · ${tags}`;
}
