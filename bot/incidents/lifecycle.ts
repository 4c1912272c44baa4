import type { IncidentRecord, IncidentRole } from '../../data/records/incident.js';
import type { Tx } from '../../data/store.js';
import { badInput, illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { formatDuration } from '../time.js';
import { getOpenIncident } from './find.js';
import { rescheduleNudge, saveIncident, threadPost, withEntry } from './save.js';

/** A status update: posted in the thread, on the timeline, and the nudge clock starts again. */
export async function postUpdate(ops: Ops, tx: Tx, id: string, text: string, by: Doer): Promise<IncidentRecord> {
  const at = by.now.toISOString();
  let i = withEntry(await getOpenIncident(tx, id), { at, by: by.name, kind: 'update', text });
  i = await threadPost(ops, tx, { ...i, lastUpdateAt: at }, `Status update from ${by.name}: ${text}`);
  i = await rescheduleNudge(ops, tx, i, by.now);
  await saveIncident(ops, tx, i);
  tx.audit(by.audit('incident.update', id, `status update: ${text}`));
  return i;
}

/** A note for the timeline; the way to add one where thread replies do not reach dayops. */
export async function addNote(ops: Ops, tx: Tx, id: string, text: string, by: Doer): Promise<IncidentRecord> {
  let i = withEntry(await getOpenIncident(tx, id), { at: by.now.toISOString(), by: by.name, kind: 'note', text });
  i = await threadPost(ops, tx, i, `Note from ${by.name}: ${text}`);
  await saveIncident(ops, tx, i);
  tx.audit(by.audit('incident.note', id, `note: ${text}`));
  return i;
}

/** A reply typed in the thread: already visible there, so it only goes on the timeline. */
export async function addReply(ops: Ops, tx: Tx, id: string, text: string, by: Doer): Promise<IncidentRecord | undefined> {
  const i = await tx.get('incident', id);
  if (!i || i.status !== 'open') return undefined;
  const next = withEntry(i, { at: by.now.toISOString(), by: by.name, kind: 'reply', text });
  await tx.put('incident', next);
  return next;
}

export async function setSeverity(ops: Ops, tx: Tx, id: string, severity: number, by: Doer): Promise<IncidentRecord> {
  const current = await getOpenIncident(tx, id);
  if (current.severity === severity) throw illegalTransition(`${id} is already SEV${severity}.`);
  const text = `Severity SEV${current.severity} → SEV${severity}`;
  let i = withEntry({ ...current, severity }, { at: by.now.toISOString(), by: by.name, kind: 'severity', text });
  i = await threadPost(ops, tx, i, `${text} (by ${by.name}).`);
  i = await rescheduleNudge(ops, tx, i, new Date(i.lastUpdateAt));
  await saveIncident(ops, tx, i);
  tx.audit(by.audit('incident.sev', id, text));
  return i;
}

export async function assignRole(ops: Ops, tx: Tx, id: string, role: IncidentRole, person: string, by: Doer): Promise<IncidentRecord> {
  if (!ops.people.exists(person)) throw badInput(`${person} is not in the team; the people are ${ops.people.names().join(', ')}.`);
  const current = await getOpenIncident(tx, id);
  const text = `${person} is ${role}`;
  let i = withEntry({ ...current, roles: { ...current.roles, [role]: person } }, { at: by.now.toISOString(), by: by.name, kind: 'role', text });
  i = await threadPost(ops, tx, i, `${text} (set by ${by.name}).`, [{ person }]);
  await saveIncident(ops, tx, i);
  tx.audit(by.audit('incident.role', id, text));
  return i;
}

export async function resolveIncident(ops: Ops, tx: Tx, id: string, summary: string | undefined, by: Doer): Promise<IncidentRecord> {
  const current = await getOpenIncident(tx, id);
  const at = by.now.toISOString();
  const lasted = formatDuration(by.now.getTime() - Date.parse(current.declaredAt));
  if (current.nudgeJob) await ops.scheduler.cancel(tx, current.nudgeJob);
  const { nudgeJob: _job, ...rest } = current;
  let i: IncidentRecord = withEntry({ ...rest, status: 'resolved', resolvedAt: at, ...(summary ? { summary } : {}) }, { at, by: by.name, kind: 'resolved', text: summary ? `Resolved: ${summary}` : 'Resolved' });
  i = await threadPost(ops, tx, i, `Resolved by ${by.name} after ${lasted}.${summary ? ` ${summary}` : ''} Write the postmortem with incident postmortem ${id}.`);
  await saveIncident(ops, tx, i);
  tx.audit(by.audit('incident.resolve', id, `resolved ${id} after ${lasted}`));
  return i;
}
