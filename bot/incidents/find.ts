import type { IncidentRecord } from '../../data/records/incident.js';
import type { ReadTx } from '../../data/store.js';
import { illegalTransition, notFound } from '../errors.js';

export async function getIncident(tx: ReadTx, id: string): Promise<IncidentRecord> {
  const incident = await tx.get('incident', id);
  if (!incident) throw notFound(`There is no incident ${id}; \`incidents\` lists them.`);
  return incident;
}

export async function getOpenIncident(tx: ReadTx, id: string): Promise<IncidentRecord> {
  const incident = await getIncident(tx, id);
  if (incident.status !== 'open') throw illegalTransition(`${id} is already resolved.`);
  return incident;
}
