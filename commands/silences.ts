import { z } from 'zod';
import { formatMatcher } from '../bot/alerts/matchers.js';
import { activeSilences } from '../bot/alerts/silences.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { formatTime } from '../bot/time.js';

export const silencesCommand = defineCommand({
  name: 'silences',
  group: 'alerts',
  summary: 'Lists the silences in force.',
  examples: ['silences'],
  args: [],
  schema: z.object({}),
  permission: 'view',
  async handler(ctx) {
    const silences = await ctx.ops.store.read((tx) => activeSilences(tx, ctx.now));
    if (silences.length === 0) return reply({ text: 'No silences are in force.' }, 'private');
    const lines = silences.map((s) => `${s.id} ${s.matchers.map(formatMatcher).join(', ')} until ${formatTime(new Date(s.endsAt), ctx.ops.config.timezone)} by ${s.createdBy}: ${s.comment}`);
    return reply({ title: `${silences.length} silence${silences.length === 1 ? '' : 's'} in force`, text: lines.join('\n') }, 'private');
  },
});
