import { z } from 'zod';
import { durationArg, textArg, timeArg } from '../bot/args.js';
import { createMaintenance } from '../bot/alerts/maintenance.js';
import { defineCommand } from '../bot/command.js';
import { badInput } from '../bot/errors.js';
import { reply } from '../bot/model.js';
import { formatTime, parseDuration, parseTime } from '../bot/time.js';

export const maintenanceCommand = defineCommand({
  name: 'maintenance',
  group: 'alerts',
  summary: 'Announces a maintenance window; matching alerts are recorded but not posted while it lasts.',
  description:
    'The target is a service name or label matchers (service=api env=production). Give --for, or --from and --until. The window is announced at its start and end, with a summary of what was muted; an Alertmanager silence is created when one is configured.',
  examples: ['maintenance api --for 2h --reason database upgrade', 'maintenance service=api env=production --from tomorrow 22:00 --until tomorrow 23:30 --reason failover test'],
  args: [
    { name: 'target', kind: 'positional', type: 'text', rest: true, required: true, description: 'A service, or label matchers.' },
    { name: 'for', kind: 'flag', type: 'duration', description: 'How long, starting now (2h).' },
    { name: 'from', kind: 'flag', type: 'time', rest: true, description: 'When it starts (tomorrow 22:00).' },
    { name: 'until', kind: 'flag', type: 'time', rest: true, description: 'When it ends.' },
    { name: 'reason', kind: 'flag', type: 'text', rest: true, required: true, description: 'What is being done.' },
  ],
  schema: z.object({
    target: z.string().trim().min(1),
    for: durationArg().optional(),
    from: timeArg().optional(),
    until: timeArg().optional(),
    reason: textArg(500, 'reason'),
  }),
  permission: 'alerts.silence',
  async handler(ctx) {
    const { startsAt, endsAt } = windowOf(ctx.args, ctx.now, ctx.ops.config.timezone);
    const window = await createMaintenance(ctx, { target: ctx.args.target, startsAt, endsAt, reason: ctx.args.reason });
    const at = (iso: string) => formatTime(new Date(iso), ctx.ops.config.timezone);
    const when = window.state === 'active' ? 'now' : `at ${at(window.startsAt)}`;
    return reply({ tone: 'info', text: `${window.id} starts ${when} and ends at ${at(window.endsAt)}; announced in ${window.channel}.` });
  },
});

function windowOf(args: { for?: string; from?: string; until?: string }, now: Date, tz: string): { startsAt: Date; endsAt: Date } {
  const startsAt = args.from ? parseTime(args.from, { tz, now }) : now;
  if (args.for && args.until) throw badInput('Give either --for or --until, not both.');
  if (args.for) return { startsAt, endsAt: new Date(startsAt.getTime() + parseDuration(args.for)) };
  if (args.until) return { startsAt, endsAt: parseTime(args.until, { tz, now }) };
  throw badInput('Say how long: --for 2h, or --from … --until ….');
}
