import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { decisionActor } from '../bot/decisions/actor.js';
import { acceptDecision } from '../bot/decisions/lifecycle.js';
import { reply } from '../bot/model.js';

export const decisionAcceptCommand = defineCommand({
  name: 'decision accept',
  group: 'decisions',
  summary: 'Accepts a proposed decision; you join its decision makers.',
  description: 'Only proposed decisions can be accepted. Needs the decide permission, like recording one.',
  examples: ['decision accept D-7', 'decision accept 7 --reason agreed in the design review'],
  args: [
    { name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision (D-7 or 7).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the record.' },
  ],
  schema: z.object({ id: idArg('decision'), reason: textArg(1000, 'reason').optional() }),
  permission: 'decide',
  async handler(ctx) {
    const actor = decisionActor(ctx);
    const d = await ctx.transact((tx) => acceptDecision(ctx.ops, tx, ctx.args.id, actor, ctx.args.reason));
    return reply({ tone: 'success', text: `${actor.person} accepted ${d.id}: ${d.title}` });
  },
});
