import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Place } from '../model.js';
import type { DeployActor } from './actor.js';

/** What every new deployment record states; the builder fills in the rest the same way each time. */
export interface NewDeployment {
  id: string;
  service: string;
  env: string;
  version: string;
  reason?: string;
  place: Place;
  commitSha?: string;
  commitTime?: string;
  approvalsRequired: number;
}

/**
 * The one place a deployment record is built: a requested deployment (bot/deployments/request.ts)
 * and one recorded from outside (record-external.ts) start from here and add their own fields.
 */
export function newDeploymentRecord(input: NewDeployment, actor: DeployActor, extra: Partial<DeploymentRecord> = {}): DeploymentRecord {
  const at = actor.now.toISOString();
  return {
    id: input.id,
    service: input.service,
    env: input.env,
    version: input.version,
    ...(input.reason ? { reason: input.reason } : {}),
    requester: actor.who,
    requestedFrom: { channel: input.place.channel, ...(input.place.thread ? { thread: input.place.thread } : {}) },
    state: 'requested',
    history: [{ state: 'requested', at, by: actor.name }],
    approvals: [],
    approvalsRequired: input.approvalsRequired,
    logTail: [],
    notes: 0,
    ...(input.commitSha ? { commitSha: input.commitSha } : {}),
    ...(input.commitTime ? { commitTime: input.commitTime } : {}),
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}
