import { z } from 'zod';
import { integerArg, serviceArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { declareIncident } from '../bot/incidents/declare.js';
import { reply } from '../bot/model.js';
import { doerOf } from '../bot/reminders/doer.js';

export const incidentDeclareCommand = defineCommand({
  name: 'incident declare',
  group: 'incidents',
  summary: 'Declares an incident: posts its summary in the incidents channel and opens its thread.',
  examples: ['incident declare Checkout returns 502 --sev 1 --service api', 'incident declare Slow search'],
  args: [
    { name: 'title', kind: 'positional', type: 'text', rest: true, required: true, description: 'What is wrong.' },
    { name: 'sev', kind: 'flag', type: 'integer', description: 'Severity, 1 (worst) to 4.' },
    { name: 'service', kind: 'flag', type: 'string', repeatable: true, description: 'An affected service (repeatable).' },
  ],
  schema: z.object({
    title: textArg(200, 'title'),
    sev: integerArg(1, 4).optional(),
    service: z.array(serviceArg()).optional(),
  }),
  permission: 'incident',
  async handler(ctx) {
    const { title, sev, service } = ctx.args;
    const input = { title, services: [...new Set(service ?? [])], ...(sev ? { severity: sev } : {}) };
    const i = await ctx.transact((tx) => declareIncident(ctx.ops, tx, input, doerOf(ctx)));
    return reply({ tone: 'danger', text: `${i.id} declared (SEV${i.severity}): ${i.title}. Coordinate in its thread in ${i.channel}.` });
  },
});
