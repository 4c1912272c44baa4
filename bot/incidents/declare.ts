import type { IncidentRecord } from '../../data/records/incident.js';
import type { Tx } from '../../data/store.js';
import { checkDeployService } from '../deployments/policy.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { incidentKey } from './keys.js';
import { incidentMessage } from './message.js';
import { rescheduleNudge, threadPost } from './save.js';
import { whatChanged } from './what-changed.js';
import { updateGroup } from '../alerts/publish.js';

export interface NewIncident {
  title: string;
  severity?: number;
  services: string[];
  /** The alert group it is declared from. */
  alertGroup?: string;
}

/**
 * Records the incident, posts its summary (with what changed) in the incidents channel, opens
 * its thread and schedules the first status-update nudge. The declarer is the commander.
 */
export async function declareIncident(ops: Ops, tx: Tx, input: NewIncident, by: Doer): Promise<IncidentRecord> {
  for (const service of input.services) checkDeployService(ops, service);
  const id = formatId('incident', await tx.nextNumber('incident'));
  const at = by.now.toISOString();
  const changed = await whatChanged(ops, tx, input.services, by.now);
  const alertGroups = [...new Set([...(input.alertGroup ? [input.alertGroup] : []), ...changed.alertGroups.map((g) => g.id)])];
  let incident: IncidentRecord = {
    id,
    title: input.title,
    severity: input.severity ?? ops.config.incidents.defaultSeverity,
    services: input.services,
    status: 'open',
    channel: ops.config.channels.incidents,
    roles: { commander: by.name },
    alertGroups,
    declaredBy: by.name,
    declaredAt: at,
    lastUpdateAt: at,
    timeline: [{ at, by: by.name, kind: 'declared', text: `Declared SEV${input.severity ?? ops.config.incidents.defaultSeverity}: ${input.title}` }],
    deployments: changed.deployments,
    decisions: changed.decisions,
    posts: 0,
    nudges: 0,
  };
  await ops.outbox.post(tx, { channel: incident.channel, key: incidentKey(id), message: incidentMessage(incident) });
  await linkAlertGroups(ops, tx, incident, input.alertGroup);
  incident = await threadPost(ops, tx, incident, `${id} thread: ${by.name} is the commander. Replies here go on the timeline; post status updates with incident update ${id} <text>.`);
  incident = await rescheduleNudge(ops, tx, incident, by.now);
  await tx.put('incident', incident);
  tx.audit(by.audit('incident.declare', id, `declared ${id} SEV${incident.severity}: ${incident.title}`));
  return incident;
}

/** Each linked group's message names the incident, and its thread says who declared it. */
async function linkAlertGroups(ops: Ops, tx: Tx, incident: IncidentRecord, declaredFrom: string | undefined): Promise<void> {
  for (const groupId of incident.alertGroups) {
    const group = await tx.get('alertGroup', groupId);
    if (!group || group.incident) continue;
    const line = groupId === declaredFrom ? `${incident.declaredBy} declared ${incident.id} for this alert.` : `Linked to ${incident.id} (${incident.title}), declared by ${incident.declaredBy}.`;
    await updateGroup(ops, tx, { ...group, incident: incident.id }, [line]);
  }
}
