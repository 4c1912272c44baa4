import type { CommandContext } from '../command.js';
import type { AuditEvent } from '../../data/store.js';

/** Who changes a decision, and how their change is audited; built from a command or a button. */
export interface DecisionActor {
  /** The dayops person, or the platform user id of someone the config does not know. */
  person: string;
  now: Date;
  audit(action: string, target: string, summary: string): AuditEvent;
}

export function decisionActor(ctx: CommandContext<unknown>): DecisionActor {
  const person = ctx.actor.person ?? ctx.ops.people.identify(ctx.actor).person ?? ctx.actor.userId;
  return {
    person,
    now: ctx.now,
    audit: (action, target, summary) => ctx.auditEvent(action, target, summary),
  };
}
