import { z } from 'zod';
import { durationArg, textArg } from '../bot/args.js';
import { parseMatchers } from '../bot/alerts/matchers.js';
import { formatMatcher } from '../bot/alerts/matchers.js';
import { createSilence } from '../bot/alerts/silences.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { formatTime, parseDuration } from '../bot/time.js';

export const silenceCommand = defineCommand({
  name: 'silence',
  group: 'alerts',
  summary: 'Silences alerts matching label matchers for a while (in Alertmanager too, when configured).',
  description: 'Matchers use Alertmanager operators: = != =~ !~. Open groups they cover show the silence and stop re-notifying.',
  examples: ['silence service=api env=production --for 2h --reason deploy in progress', 'silence alertname=~"Disk.*" --for 30m --reason resize'],
  args: [
    { name: 'matchers', kind: 'positional', type: 'text', rest: true, required: true, description: 'Label matchers such as service=api env!=staging.' },
    { name: 'for', kind: 'flag', type: 'duration', required: true, description: 'How long (30m, 2h, 1d).' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, required: true, description: 'Why, shown in the silence comment.' },
  ],
  schema: z.object({ matchers: z.string().trim().min(1), for: durationArg(), reason: textArg(500, 'reason') }),
  permission: 'alerts.silence',
  async handler(ctx) {
    const matchers = parseMatchers(ctx.args.matchers);
    const silence = await createSilence(ctx, { matchers, durationMs: parseDuration(ctx.args.for), reason: ctx.args.reason });
    const where = silence.alertmanagerId ? ` (Alertmanager silence ${silence.alertmanagerId})` : '';
    return reply({ tone: 'info', text: `${silence.id} silences ${matchers.map(formatMatcher).join(', ')} until ${formatTime(new Date(silence.endsAt), ctx.ops.config.timezone)}${where}.` });
  },
});
