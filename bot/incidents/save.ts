import type { IncidentRecord, TimelineEntry } from '../../data/records/incident.js';
import type { Tx } from '../../data/store.js';
import type { Mention } from '../model.js';
import type { Ops } from '../ops.js';
import { parseDuration } from '../time.js';
import { incidentKey, NUDGE_JOB, nudgeJobId, threadPostKey } from './keys.js';
import { incidentMessage } from './message.js';

/** Stores the incident (resolved ones leave the hot state) and edits its summary in place. */
export async function saveIncident(ops: Ops, tx: Tx, i: IncidentRecord): Promise<void> {
  await tx.put('incident', i, { closed: i.status === 'resolved' });
  await ops.outbox.edit(tx, incidentKey(i.id), incidentMessage(i));
}

export function withEntry(i: IncidentRecord, entry: TimelineEntry): IncidentRecord {
  return { ...i, timeline: [...i.timeline, entry] };
}

/** A message in the incident's thread; returns the incident with its post counter advanced. */
export async function threadPost(ops: Ops, tx: Tx, i: IncidentRecord, text: string, mentions?: Mention[]): Promise<IncidentRecord> {
  const next = { ...i, posts: i.posts + 1 };
  const message = { text, ...(mentions ? { mentions } : {}) };
  await ops.outbox.post(tx, { channel: i.channel, key: threadPostKey(i.id, next.posts), thread: incidentKey(i.id), message });
  return next;
}

export function cadenceMs(ops: Ops, severity: number): number {
  const cadence = ops.config.incidents.updateCadence;
  return parseDuration(cadence[`sev${severity}` as keyof typeof cadence]);
}

/** Replaces the pending status-update nudge with one a cadence after `from`. */
export async function rescheduleNudge(ops: Ops, tx: Tx, i: IncidentRecord, from: Date): Promise<IncidentRecord> {
  if (i.nudgeJob) await ops.scheduler.cancel(tx, i.nudgeJob);
  const nudgeJob = nudgeJobId(i.id, i.nudges + 1);
  const at = new Date(from.getTime() + cadenceMs(ops, i.severity));
  await ops.scheduler.schedule(tx, { id: nudgeJob, type: NUDGE_JOB, at, payload: { incident: i.id } });
  return { ...i, nudgeJob, nudges: i.nudges + 1 };
}
