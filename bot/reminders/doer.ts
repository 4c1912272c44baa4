import type { AuditEvent } from '../../data/store.js';
import type { CommandContext } from '../command.js';

/** Who changes a reminder, incident or runbook run, and how the change is audited. */
export interface Doer {
  /** The dayops person, else the platform's display name. */
  name: string;
  now: Date;
  audit(action: string, target: string | undefined, summary: string, outcome?: AuditEvent['outcome']): AuditEvent;
}

export function doerOf(ctx: CommandContext<unknown>): Doer {
  return { name: ctx.actor.person ?? ctx.actor.displayName, now: ctx.now, audit: ctx.auditEvent };
}

/** dayops itself, for scheduled work. */
export function systemDoer(now: Date): Doer {
  return {
    name: 'dayops',
    now,
    audit: (action, target, summary, outcome = 'ok') => ({
      time: now.toISOString(),
      actor: { platform: 'system', userId: 'dayops' },
      platform: 'system',
      action,
      ...(target ? { target } : {}),
      outcome,
      summary,
    }),
  };
}
