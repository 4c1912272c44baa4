import type { DeployActor } from '../../bot/deployments/actor.js';
import type { Actor } from '../../bot/model.js';
import type { Ops } from '../../bot/ops.js';
import type { AuditEvent } from '../../data/store.js';

/** The GitHub user behind a workflow, as the person `people[].github` maps them to when it does. */
export function githubActor(ops: Ops, login: string, now: Date): DeployActor {
  const person = ops.people.personFor('github', login);
  const actor: Actor = { platform: 'github', userId: login, displayName: login, ...(person ? { person } : {}) };
  const audit = (action: string, target: string | undefined, summary: string, outcome: AuditEvent['outcome'] = 'ok'): AuditEvent => ({
    time: now.toISOString(),
    actor: { platform: 'github', userId: login, ...(person ? { person } : {}) },
    platform: 'github',
    action,
    ...(target ? { target } : {}),
    outcome,
    summary,
  });
  return { actor, who: { ...(person ? { person } : {}), platform: 'github', userId: login, displayName: login }, name: person ?? login, now, audit };
}
