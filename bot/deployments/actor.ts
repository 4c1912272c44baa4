import type { DeployWho } from '../../data/records/deployment.js';
import type { AuditEvent } from '../../data/store.js';
import type { CommandContext } from '../command.js';
import type { Actor } from '../model.js';

/** Who acts on a deployment, and how their change is audited; built from a command or a button. */
export interface DeployActor {
  actor: Actor;
  who: DeployWho;
  /** The dayops person, or the platform user id of someone the config does not know. */
  name: string;
  now: Date;
  audit(action: string, target: string | undefined, summary: string, outcome?: AuditEvent['outcome']): AuditEvent;
}

export function deployActor(ctx: CommandContext<unknown>): DeployActor {
  const person = ctx.actor.person ?? ctx.ops.people.identify(ctx.actor).person;
  const who: DeployWho = {
    ...(person ? { person } : {}),
    platform: ctx.actor.platform,
    userId: ctx.actor.userId,
    displayName: ctx.actor.displayName,
  };
  return { actor: ctx.actor, who, name: person ?? ctx.actor.userId, now: ctx.now, audit: ctx.auditEvent };
}

/** The same human: by dayops person when both are known, else by platform identity. */
export function samePerson(a: DeployWho, b: DeployWho): boolean {
  if (a.person && b.person) return a.person === b.person;
  return a.platform === b.platform && a.userId === b.userId;
}

export function whoName(w: DeployWho): string {
  return w.person ?? w.displayName;
}
