import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import { rollbackBlocker } from '../deployments/rollback.js';
import { idNumber } from '../ids.js';

export type IncidentDeployment = IncidentRecord['deployments'][number];
import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import type { Ops } from '../ops.js';

/** A deployment as an incident lists it, with the reason it cannot be rolled back, if any. */
export async function incidentDeployment(tx: ReadTx, d: DeploymentRecord): Promise<IncidentDeployment> {
  const blocked = d.state === 'succeeded' ? await rollbackBlocker(tx, d) : undefined;
  return {
    id: d.id,
    service: d.service,
    env: d.env,
    version: d.version,
    state: d.state,
    at: d.finishedAt ?? d.startedAt ?? d.createdAt,
    ...(d.rollbackOf ? { rollbackOf: d.rollbackOf } : {}),
    ...(blocked ? { blocked } : {}),
  };
}

export interface WhatChanged {
  deployments: IncidentRecord['deployments'];
  decisions: IncidentRecord['decisions'];
  alertGroups: AlertGroupRecord[];
}

/**
 * What touched the affected services shortly before `now`: deployments started or finished in
 * the window, decisions accepted in it (for the service or for all), and groups still firing.
 */
export async function whatChanged(ops: Ops, tx: ReadTx, services: readonly string[], now: Date): Promise<WhatChanged> {
  const since = now.getTime() - ops.config.incidents.whatChangedHours * 3_600_000;
  const touches = (service: string | undefined) => service === undefined || services.includes(service);
  const changed = await Promise.all(services.map((service) => tx.query('deployment.history', { service })));
  const recent = changed.flat().filter((d) => Date.parse(d.updatedAt) >= since).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || idNumber(b.id) - idNumber(a.id));
  const deployments = await Promise.all(recent.map((d) => incidentDeployment(tx, d)));
  const accepted = services.length === 0 ? [] : await tx.query('decision.search', { status: 'accepted' });
  const decisions = accepted.filter((d) => touches(d.service))
    .filter((d) => d.history.some((h) => h.status === 'accepted' && Date.parse(h.at) >= since))
    .map((d) => ({ id: d.id, title: d.title, category: d.category, ...(d.service ? { service: d.service } : {}) }));
  const groups = (await openAlertGroups(ops, tx)).filter((g) => g.service !== undefined && services.includes(g.service));
  return { deployments, decisions, alertGroups: groups };
}
