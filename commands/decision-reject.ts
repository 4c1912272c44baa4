import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { decisionActor } from '../bot/decisions/actor.js';
import { rejectDecision } from '../bot/decisions/lifecycle.js';
import { reply } from '../bot/model.js';

export const decisionRejectCommand = defineCommand({
  name: 'decision reject',
  group: 'decisions',
  summary: 'Rejects a proposed decision.',
  description: 'Only proposed decisions can be rejected. Needs the decide permission.',
  examples: ['decision reject D-8', 'decision reject 8 --reason too expensive for the first year'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision (D-8 or 8).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the record.' },
  ],
  schema: z.object({ id: idArg('decision'), reason: textArg(1000, 'reason').optional() }),
  permission: 'decide',
  async handler(ctx) {
    const actor = decisionActor(ctx);
    const d = await ctx.transact((tx) => rejectDecision(ctx.ops, tx, ctx.args.id, actor, ctx.args.reason));
    return reply({ tone: 'warning', text: `${actor.person} rejected ${d.id}: ${d.title}` });
  },
});
