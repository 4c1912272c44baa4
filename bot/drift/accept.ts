import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { findOpenGroup } from '../alerts/find.js';
import type { DeployActor } from '../deployments/actor.js';
import { recordExternalDeployment } from '../deployments/record-external.js';
import { illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { closeFinding, findingLabels } from './finding.js';

/** An open finding of source `drift`, or a sentence saying why the id is not one. */
export async function openDriftFinding(tx: Tx, id: string): Promise<AlertGroupRecord> {
  const group = await findOpenGroup(tx, id);
  if (group.source !== 'drift') throw illegalTransition(`${id} is an alert from ${group.source}, not a drift finding.`);
  return group;
}

/**
 * Accept: what runs is recorded as a deployment made outside dayops (who accepted it and why,
 * audited, counted in DORA), and the finding resolves. The same reading raises no new finding.
 */
export async function acceptDrift(ops: Ops, tx: Tx, id: string, actor: DeployActor, reason: string): Promise<{ group: AlertGroupRecord; deployment?: DeploymentRecord }> {
  const group = await openDriftFinding(tx, id);
  const labels = findingLabels(group);
  const deployment = labels.drift === 'engine' ? await recordLive(ops, tx, group, labels, actor, reason) : undefined;
  const check = labels.drift_check ? await tx.get('driftCheck', labels.drift_check) : undefined;
  const fingerprint = Object.values(group.alerts).find((a) => a.status === 'firing')?.fingerprint;
  const how = deployment ? `as ${deployment.id}` : 'as it is';
  if (check) await tx.put('driftCheck', { ...check, state: 'in-sync', detail: `accepted by ${actor.name} ${how}: ${reason}`, ...(fingerprint ? { accepted: fingerprint } : {}) });
  const line = deployment
    ? `Accepted by ${actor.name}: ${reason}. Recorded as ${deployment.id}, ${deployment.service} ${deployment.version} deployed outside dayops.`
    : `Accepted by ${actor.name}: ${reason}. The same plan raises no finding again; a different one does.`;
  const closed = await closeFinding(ops, tx, group, line, actor.now, actor.name);
  tx.audit(actor.audit('drift.accept', id, `accepted ${group.title}${deployment ? ` (${deployment.version}) as ${deployment.id}` : ''}: ${reason}`));
  return { group: closed, ...(deployment ? { deployment } : {}) };
}

/** Engine drift: the live version becomes a deployment made outside dayops. */
async function recordLive(ops: Ops, tx: Tx, group: AlertGroupRecord, labels: Record<string, string>, actor: DeployActor, reason: string): Promise<DeploymentRecord> {
  const { service, env } = group;
  if (!service || !env || !labels.live) throw illegalTransition(`${group.id} does not say which version runs, so there is nothing to record.`);
  return recordExternalDeployment(
    ops,
    tx,
    { service, env, version: labels.live, status: 'succeeded', source: labels.engine ?? 'external', reason: `accepted drift ${group.id}: ${reason}` },
    actor,
    group.channels[0]!,
  );
}
