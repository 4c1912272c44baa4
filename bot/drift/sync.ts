import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { updateGroup } from '../alerts/publish.js';
import type { DeployActor } from '../deployments/actor.js';
import { requestDeployment } from '../deployments/request.js';
import { conflict, illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { openDriftFinding } from './accept.js';
import { findingLabels } from './finding.js';
import { recordedDeployment } from './targets.js';

/**
 * Sync: the version dayops last deployed is deployed again, through the environment's normal
 * policy and approvals. The finding stays open until the engine reads in sync again.
 */
export async function syncDrift(ops: Ops, tx: Tx, id: string, actor: DeployActor): Promise<DeploymentRecord> {
  const group = await openDriftFinding(tx, id);
  const labels = findingLabels(group);
  const { service, env } = group;
  if (labels.drift !== 'engine' || !service || !env) throw illegalTransition(`${id} is an infrastructure drift finding; Apply it instead.`);
  const recorded = await recordedDeployment(tx, service, env);
  if (!recorded) throw conflict(`dayops has never deployed ${service} to ${env}, so there is no recorded version to sync to; Accept what runs instead.`);
  const d = await requestDeployment(ops, tx, { service, env, version: recorded.version, place: { channel: group.channels[0]! }, reason: `sync of drift ${id}: back to ${recorded.version} (${recorded.id})`, syncs: id }, actor);
  await updateGroup(ops, tx, group, [`${actor.name} asked to sync: ${d.id} deploys ${recorded.version} again (${d.state.replace('_', ' ')}).`]);
  tx.audit(actor.audit('drift.sync', id, `asked to sync ${service} in ${env} to ${recorded.version} as ${d.id}`));
  return d;
}
