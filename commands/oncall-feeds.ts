import { z } from 'zod';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { feedPath, feedSecret, feedToken, type FeedTarget } from '../bot/oncall/feeds.js';
import { allSchedules } from '../bot/oncall/schedules.js';

export const oncallFeedsCommand = defineCommand({
  name: 'oncall feeds',
  group: 'oncall',
  summary: 'Calendar feed addresses (iCalendar) for your shifts and for every schedule, to subscribe to.',
  description: 'Anyone with an address can read that feed: share it like a password.',
  examples: ['oncall feeds'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const { config } = ctx.ops;
    const base = (config.publicUrl ?? `http://${config.http.host}:${config.http.port}`).replace(/\/$/, '');
    const secret = await feedSecret(ctx.ops.store);
    const url = (target: FeedTarget) => `${base}${feedPath(feedToken(secret, target))}`;
    const schedules = await ctx.ops.store.read((tx) => allSchedules(ctx.ops, tx));
    const lines = [
      ...(ctx.actor.person ? [`Your shifts: ${url({ kind: 'person', name: ctx.actor.person })}`] : []),
      ...schedules.map((s) => `${s.name}: ${url({ kind: 'schedule', name: s.name })}`),
    ];
    if (lines.length === 0) return reply({ text: 'No schedules yet, and you are not mapped to a dayops person.' }, 'private');
    return reply({ title: 'On-call calendar feeds', text: lines.join('\n'), context: ['Anyone with an address can read that feed; keep it to yourself.'] }, 'private');
  },
});
