import type { IncidentRecord } from '../../data/records/incident.js';
import { INCIDENT_HALT_ACTION, INCIDENT_ROLLBACK_ACTION } from './keys.js';
import { ADD_ACTION_ACTION } from '../actions/keys.js';
import { PROPOSE_CHANGE_ACTION } from '../decisions/propose-change.js';
import type { Button, Field, OpsMessage } from '../model.js';

const RUNNING = new Set(['requested', 'awaiting_approval', 'approved', 'queued', 'running']);

/** The incident's summary: severity, roles, what changed, with Halt and Rollback where they apply. */
export function incidentMessage(i: IncidentRecord): OpsMessage {
  const fields: Field[] = [
    { label: 'Severity', value: `SEV${i.severity}`, short: true },
    { label: 'Status', value: i.status, short: true },
    { label: 'Services', value: i.services.length > 0 ? i.services.join(', ') : 'not named yet', short: true },
    { label: 'Commander', value: i.roles.commander, short: true },
  ];
  if (i.roles.communications) fields.push({ label: 'Communications', value: i.roles.communications, short: true });
  if (i.roles.scribe) fields.push({ label: 'Scribe', value: i.roles.scribe, short: true });
  fields.push({ label: 'Deployments in the last hours', value: i.deployments.length > 0 ? i.deployments.map(deploymentLine).join('\n') : 'none' });
  if (i.decisions.length > 0) fields.push({ label: 'Decisions accepted recently', value: i.decisions.map((d) => `• ${d.id} ${d.title} (${d.category})`).join('\n') });
  if (i.alertGroups.length > 0) fields.push({ label: 'Alert groups', value: i.alertGroups.join(', ') });
  if (i.summary) fields.push({ label: 'Summary', value: i.summary });
  const message: OpsMessage = {
    title: `${i.id} · ${i.title}`,
    tone: i.status === 'resolved' ? 'success' : i.severity <= 2 ? 'danger' : 'warning',
    fields,
    context: [`${i.id} · declared by ${i.declaredBy} · reply in the thread to add to the timeline`],
    time: { at: i.resolvedAt ?? i.declaredAt, style: 'datetime' },
  };
  const buttons = i.status === 'open' ? deploymentButtons(i) : followUpButtons(i);
  if (buttons.length > 0) message.buttons = buttons;
  return message;
}

/** A resolved incident leads on: record its action items, revisit the decisions that changed before it. */
export function followUpButtons(i: IncidentRecord): Button[] {
  const revisit = i.decisions.slice(0, 4).map((d): Button => ({ kind: 'action', label: `Propose a change to ${d.id}`, action: PROPOSE_CHANGE_ACTION, value: `${i.id} ${d.id}` }));
  return [{ kind: 'action', label: 'Add action item', action: ADD_ACTION_ACTION, value: i.id }, ...revisit];
}

function deploymentLine(d: IncidentRecord['deployments'][number]): string {
  const what = `• ${d.id} ${d.service} ${d.version} to ${d.env}: ${d.state.replace('_', ' ')}${d.rollbackOf ? ` (rollback of ${d.rollbackOf})` : ''}`;
  return d.blocked && d.state === 'succeeded' ? `${what}; no rollback: ${d.blocked}` : what;
}

/**
 * Halt for a deployment still under way, Roll back for one that went live; a Roll back that
 * would not do what it says (already rolled back, or something newer runs there) is disabled.
 */
function deploymentButtons(i: IncidentRecord): Button[] {
  return i.deployments.flatMap((d): Button[] => {
    const value = `${i.id} ${d.id}`;
    if (RUNNING.has(d.state)) return [{ kind: 'action', label: `Halt ${d.id}`, action: INCIDENT_HALT_ACTION, value, style: 'danger' }];
    // A rollback's own rollback would put the bad version back.
    if (d.state !== 'succeeded' || d.rollbackOf) return [];
    const button: Button = { kind: 'action', label: `Roll back ${d.id}`, action: INCIDENT_ROLLBACK_ACTION, value, style: 'danger' };
    return [d.blocked ? { ...button, disabled: d.blocked } : button];
  }).slice(0, 5);
}
