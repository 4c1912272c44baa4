import { z } from 'zod';
import { idArg, personArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { assignRole } from '../bot/incidents/lifecycle.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';
import { INCIDENT_ROLES } from '../data/records/incident.js';

export const incidentRoleCommand = defineCommand({
  name: 'incident role',
  group: 'incidents',
  summary: 'Names the commander, communications lead or scribe of an incident.',
  examples: ['incident role INC-3 communications @bob'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'role', kind: 'positional', type: 'string', choices: INCIDENT_ROLES, required: true, description: 'The role.' },
    { name: 'person', kind: 'positional', type: 'person', required: true, description: 'Who takes it.' },
  ],
  schema: z.object({ id: idArg('incident'), role: z.enum(INCIDENT_ROLES), person: personArg() }),
  permission: 'incident',
  async handler(ctx) {
    const { id, role, person } = ctx.args;
    await ctx.transact((tx) => assignRole(ctx.ops, tx, id, role, person, doerOf(ctx)));
    return reply({ tone: 'info', text: `${person} is now ${role} of ${id}.` });
  },
});
