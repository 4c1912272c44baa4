import { z } from 'zod';
import { idArg, integerArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { setSeverity } from '../bot/incidents/lifecycle.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentSevCommand = defineCommand({
  name: 'incident sev',
  group: 'incidents',
  summary: 'Changes the severity of an incident (1 worst, 4 least); the update cadence follows it.',
  examples: ['incident sev INC-3 1'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'incident', required: true, description: 'The incident.' },
    { name: 'sev', kind: 'positional', type: 'integer', required: true, description: 'The new severity, 1 to 4.' },
  ],
  schema: z.object({ id: idArg('incident'), sev: integerArg(1, 4) }),
  permission: 'incident',
  async handler(ctx) {
    const i = await ctx.transact((tx) => setSeverity(ctx.ops, tx, ctx.args.id, ctx.args.sev, doerOf(ctx)));
    return reply({ tone: 'warning', text: `${i.id} is now SEV${i.severity}.` });
  },
});
