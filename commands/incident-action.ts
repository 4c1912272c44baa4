import { z } from 'zod';
import { flagArg, idArg, personArg, textArg } from '../bot/args.js';
import { recordActionItem } from '../bot/actions/record.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentActionCommand = defineCommand({
  name: 'incident action',
  group: 'incidents',
  summary: 'Records a follow-up of an incident, with its owner and due date; a blocking one holds back the next production deploy.',
  description:
    'The owner is reminded in the incident thread from the due day on, every incidents.actionRemindEvery, until action done. An open --blocking item adds a required approval from the incident commander to the next production deploy of its services (or refuses it, per environment blockingActionItems); see docs/lifecycle.md.',
  examples: ['incident action INC-3 Add a connection-pool alert --owner @bob --due 2026-12-15 --blocking', 'incident action 3 Write the runbook for failover --owner alice --due 2027-01-10'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'title', kind: 'positional', type: 'text', required: true, rest: true, description: 'What is to be done.' },
    { name: 'owner', kind: 'flag', type: 'person', required: true, description: 'Who does it.' },
    { name: 'due', kind: 'flag', type: 'string', required: true, placeholder: 'YYYY-MM-DD', description: 'The day it is due.' },
    { name: 'blocking', kind: 'flag', type: 'boolean', description: 'Hold back the next production deploy of the services until done.' },
  ],
  schema: z.object({ id: idArg('incident'), title: textArg(300, 'title'), owner: personArg(), due: z.string().trim().min(1, { message: 'must be a day such as 2026-12-15' }), blocking: flagArg() }),
  permission: 'incident',
  async handler(ctx) {
    const { id, title, owner, due, blocking } = ctx.args;
    const item = await ctx.transact((tx) => recordActionItem(ctx.ops, tx, { incident: id, title, owner, due, blocking }, doerOf(ctx)));
    return reply({ tone: 'success', text: `${item.id} recorded for ${id}: ${item.title} (owner ${item.owner}, due ${item.due}${item.blocking ? ', blocking' : ''}).` });
  },
});
