import { z } from 'zod';
import { idArg } from '../bot/args.js';
import { acknowledgeGroup } from '../bot/alerts/ack.js';
import { whoOf } from '../bot/alerts/who.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';

export const ackCommand = defineCommand({
  name: 'ack',
  group: 'alerts',
  summary: 'Acknowledges an alert group: you are on it, and it stops re-notifying.',
  examples: ['ack ALG-3', 'ack 3'],
  args: [{ name: 'id', kind: 'positional', type: 'id', idKind: 'alertGroup', required: true, description: 'The alert group (ALG-3 or 3).' }],
  schema: z.object({ id: idArg('alertGroup') }),
  permission: 'alerts.ack',
  async handler(ctx) {
    const who = whoOf(ctx);
    const { group, already } = await ctx.transact(async (tx) => {
      const outcome = await acknowledgeGroup(ctx.ops, tx, ctx.args.id, who, ctx.now);
      if (!outcome.already) tx.audit(ctx.auditEvent('alerts.ack', ctx.args.id, `acknowledged ${ctx.args.id}`));
      return outcome;
    });
    if (already) return reply({ text: `${group.id} was already acknowledged by ${group.acknowledged!.by}.` }, 'private');
    return reply({ tone: 'success', text: `${who} acknowledged ${group.id}: ${group.title}` });
  },
});
