import type { DeployActor } from '../../../bot/deployments/actor.js';
import type { Actor } from '../../../bot/model.js';
import type { Ops } from '../../../bot/ops.js';
import type { AuditEvent } from '../../../data/store.js';
import type { ApiClient } from './auth.js';

/**
 * A pipeline acting through a token: platform http, the token name as user id. The requester it
 * names is recorded as the dayops person when the config knows them, so they cannot approve
 * their own deployment from chat either.
 */
export function apiActor(ops: Ops, client: ApiClient, requester: string | undefined, now: Date): DeployActor {
  const tokenName = client.token.name;
  const person = requester && ops.config.people.some((p) => p.name === requester) ? requester : undefined;
  const displayName = requester ? `${requester} (via ${tokenName})` : tokenName;
  const actor: Actor = { platform: 'http', userId: tokenName, displayName, ...(person ? { person } : {}) };
  const audit = (action: string, target: string | undefined, summary: string, outcome: AuditEvent['outcome'] = 'ok'): AuditEvent => ({
    time: now.toISOString(),
    actor: { platform: 'http', userId: tokenName, ...(person ? { person } : {}) },
    platform: 'http',
    action,
    ...(target ? { target } : {}),
    outcome,
    summary,
  });
  return { actor, who: { ...(person ? { person } : {}), platform: 'http', userId: tokenName, displayName }, name: person ?? tokenName, now, audit };
}

/** Where a pipeline's deployment is announced: the service's channel, else the deploys channel. */
export function channelFor(ops: Ops, service: string): string {
  return ops.config.services[service]?.channel ?? ops.config.channels.deploys;
}
