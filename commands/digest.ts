import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { DIGEST_PERIODS } from '../bot/digest/config-schema.js';
import { buildDigest, postDigest } from '../bot/digest/post.js';
import { reply } from '../bot/model.js';
import { resolveChannelRef } from '../bot/channel-names.js';

const ADJECTIVE = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

export const digestCommand = defineCommand({
  name: 'digest',
  group: 'general',
  summary: 'Shows the daily, weekly or monthly digest: deployments, incidents, alerts, what is coming, the DORA figures.',
  description:
    'Counts what ended in the last day, week or 30 days from dayops\'s own records, with the DORA figures per service. With --channel it is posted there instead of answered here. Channels get it on a schedule through the digest section of the config.',
  examples: ['digest', 'digest --period month', 'digest --period week --channel #ops'],
  args: [
    { name: 'period', kind: 'flag', type: 'string', choices: DIGEST_PERIODS, description: 'day (default), week or month.' },
    { name: 'channel', kind: 'flag', type: 'channel', description: 'Post it into this channel.' },
  ],
  schema: z.object({
    period: z.enum(DIGEST_PERIODS).default('day'),
    channel: z.string().trim().min(1).optional(),
  }),
  permission: 'view',
  async handler(ctx) {
    const { period, channel } = ctx.args;
    if (!channel) return reply(await ctx.ops.store.read((tx) => buildDigest(ctx.ops, tx, period, ctx.now)));
    const target = await resolveChannelRef(ctx.ops, channel, ctx.place.channel);
    await ctx.transact(async (tx) => {
      await postDigest(ctx.ops, tx, target, period, ctx.now);
      tx.audit(ctx.auditEvent('digest.post', undefined, `posted the ${period} digest to ${target}`));
    });
    return reply({ tone: 'success', text: `Posted the ${ADJECTIVE[period]} digest to ${target}.` });
  },
});
