import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { Tx } from '../../data/store.js';
import { isFinal } from '../deployments/state-machine.js';
import type { Ops } from '../ops.js';
import { saveIncident, withEntry } from './save.js';
import { incidentDeployment } from './what-changed.js';

/**
 * A deployment started from an incident's button keeps the incident current: its state on the
 * summary, and its outcome on the timeline, so the postmortem lists what the rollback did.
 */
export async function followDeployment(ops: Ops, tx: Tx, d: DeploymentRecord): Promise<void> {
  if (!d.incident) return;
  const incident = await tx.get('incident', d.incident);
  const listed = incident?.deployments.find((x) => x.id === d.id);
  if (!incident || listed?.state === d.state) return;
  let next = await withDeployment(tx, incident, d);
  if (isFinal(d.state)) {
    const what = `${d.id}${d.rollbackOf ? ` (rollback of ${d.rollbackOf})` : ''} ${d.state}${d.result ? `: ${d.result}` : ''}`;
    next = withEntry(next, { at: d.finishedAt ?? d.updatedAt, by: 'dayops', kind: 'deployment', text: what });
  }
  await saveIncident(ops, tx, next);
}

/**
 * Adds or updates the incident's entry for `d`, and brings the other entries of its service and
 * environment up to date: a new deployment there changes which of them can still be rolled back.
 */
export async function withDeployment(tx: Tx, i: IncidentRecord, d: DeploymentRecord): Promise<IncidentRecord> {
  const listed = i.deployments.some((x) => x.id === d.id) ? i.deployments : [await incidentDeployment(tx, d), ...i.deployments];
  const deployments = await Promise.all(
    listed.map(async (x) => {
      if (x.service !== d.service || x.env !== d.env) return x;
      const current = x.id === d.id ? d : await tx.get('deployment', x.id);
      return current ? incidentDeployment(tx, current) : x;
    }),
  );
  return { ...i, deployments };
}
