import { z } from 'zod';
import { idArg, textArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { decisionActor } from '../bot/decisions/actor.js';
import { supersedeDecision } from '../bot/decisions/lifecycle.js';
import { reply } from '../bot/model.js';

export const decisionSupersedeCommand = defineCommand({
  name: 'decision supersede',
  group: 'decisions',
  summary: 'Replaces an accepted decision with a newer accepted one.',
  description: 'Both must be accepted (accept the new one first). They are linked both ways and the old one becomes superseded. Needs the decide permission.',
  examples: ['decision supersede D-3 D-9', 'decision supersede 3 9 --reason moved to managed PostgreSQL'],
  args: [
    { name: 'old', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision being replaced.' },
    { name: 'new', kind: 'positional', type: 'id', idKind: 'decision', required: true, description: 'The decision that replaces it.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, description: 'Why, for the record.' },
  ],
  schema: z.object({ old: idArg('decision'), new: idArg('decision'), reason: textArg(1000, 'reason').optional() }),
  permission: 'decide',
  async handler(ctx) {
    const actor = decisionActor(ctx);
    const { older, newer } = await ctx.transact((tx) => supersedeDecision(ctx.ops, tx, ctx.args.old, ctx.args.new, actor, ctx.args.reason));
    return reply({ tone: 'info', text: `${newer.id} supersedes ${older.id} (${actor.person}): ${older.title} → ${newer.title}` });
  },
});
