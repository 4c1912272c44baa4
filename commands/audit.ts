import { z } from 'zod';
import { anyIdArg, durationArg, integerArg, personArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { reply } from '../bot/model.js';
import { formatTime, parseDuration } from '../bot/time.js';
import type { AuditEvent } from '../data/store.js';

const DEFAULT_LIMIT = 20;

export const auditCommand = defineCommand({
  name: 'audit',
  group: 'general',
  summary: 'Shows the audit log, newest first.',
  description: 'Every change and every refused command is on the audit log, with who, where and when.',
  examples: ['audit', 'audit --actor @alice --since 2d', 'audit --target DEP-12', 'audit --limit 50'],
  args: [
    { name: 'actor', kind: 'flag', type: 'person', description: 'Only what this person did.' },
    { name: 'target', kind: 'flag', type: 'id', description: 'Only what touched this record (DEP-12, INC-3, …).' },
    { name: 'since', kind: 'flag', type: 'duration', description: 'Only the last while, such as 2h or 2d.' },
    { name: 'limit', kind: 'flag', type: 'integer', description: `At most this many lines (1 to 200, default ${DEFAULT_LIMIT}).` },
  ],
  schema: z.object({
    actor: personArg().optional(),
    target: anyIdArg().optional(),
    since: durationArg().optional(),
    limit: integerArg(1, 200).optional(),
  }),
  permission: 'audit',
  async handler({ args, ops, now }) {
    const since = args.since ? new Date(now.getTime() - parseDuration(args.since)).toISOString() : undefined;
    const events = await ops.store.queryAudit({
      ...(args.actor ? { actor: args.actor } : {}),
      ...(args.target ? { target: args.target } : {}),
      ...(since ? { since } : {}),
      limit: args.limit ?? DEFAULT_LIMIT,
    });
    const newestFirst = [...events].sort((a, b) => b.time.localeCompare(a.time));
    const text = newestFirst.length > 0 ? newestFirst.map((e) => line(e, ops.config.timezone)).join('\n') : 'Nothing on the audit log matches.';
    return reply({ title: 'Audit log', text, context: [`${newestFirst.length} shown, newest first`] }, 'private');
  },
});

function line(event: AuditEvent, tz: string): string {
  const who = event.actor.person ?? `${event.actor.platform}:${event.actor.userId}`;
  const what = [event.action, event.target].filter(Boolean).join(' ');
  const outcome = event.outcome === 'ok' ? '' : ` [${event.outcome}]`;
  return `${formatTime(new Date(event.time), tz)} · ${who} · ${what}${outcome} — ${event.summary}`;
}
