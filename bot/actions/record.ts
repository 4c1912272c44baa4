import { DateTime } from 'luxon';
import type { ActionItemRecord } from '../../data/records/action-item.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { Tx } from '../../data/store.js';
import { badInput, illegalTransition } from '../errors.js';
import { formatId } from '../ids.js';
import { getIncident } from '../incidents/find.js';
import { threadPost } from '../incidents/save.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { getActionItem } from './find.js';
import { ACTION_REMIND_JOB, remindJobId } from './keys.js';

export interface NewActionItem {
  incident: string;
  title: string;
  owner: string;
  /** `2026-12-15`. */
  due: string;
  blocking: boolean;
}

/** Reads `--due`: a calendar day, today or later. */
export function checkDue(due: string, tz: string, now: Date): string {
  const day = DateTime.fromISO(due.trim(), { zone: tz });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due.trim()) || !day.isValid) throw badInput(`"${due}" is not a day; give the due date as 2026-12-15.`);
  if (day.endOf('day').toMillis() < now.getTime()) throw badInput(`${due.trim()} has passed; give a due date from today on.`);
  return due.trim();
}

/**
 * Records a follow-up of an incident (open or resolved), says so in its thread, and schedules
 * the owner's first reminder for the morning of the due day.
 */
export async function recordActionItem(ops: Ops, tx: Tx, input: NewActionItem, by: Doer): Promise<ActionItemRecord> {
  const incident = await getIncident(tx, input.incident);
  if (!ops.people.exists(input.owner)) throw badInput(`${input.owner} is not in the team; the people are ${ops.people.names().join(', ')}.`);
  const due = checkDue(input.due, ops.config.timezone, by.now);
  const item: ActionItemRecord = {
    id: formatId('actionItem', await tx.nextNumber('actionItem')),
    incident: incident.id,
    services: incident.services,
    title: input.title.trim(),
    owner: input.owner,
    due,
    blocking: input.blocking,
    state: 'open',
    createdBy: by.name,
    createdAt: by.now.toISOString(),
    reminders: 0,
  };
  await tx.put('actionItem', item);
  const firstAt = DateTime.fromISO(due, { zone: ops.config.timezone }).set({ hour: 9 }).toJSDate();
  await ops.scheduler.schedule(tx, { id: remindJobId(item.id), type: ACTION_REMIND_JOB, at: new Date(Math.max(firstAt.getTime(), by.now.getTime() + 60_000)), payload: { item: item.id } });
  const blocking = item.blocking ? ` It is blocking: the next production deploy of ${item.services.join(', ') || 'its services'} waits for it.` : '';
  await post(ops, tx, incident, `${by.name} added ${item.id} for ${item.owner}, due ${due}: ${item.title}.${blocking}`, item.owner);
  tx.audit(by.audit('action.create', item.id, `${item.id} for ${incident.id}${item.blocking ? ' (blocking)' : ''}: ${item.title}, owner ${item.owner}, due ${due}`));
  return item;
}

export async function closeActionItem(ops: Ops, tx: Tx, id: string, by: Doer): Promise<ActionItemRecord> {
  const current = await getActionItem(tx, id);
  if (current.state === 'done') throw illegalTransition(`${id} is already done (by ${current.doneBy}).`);
  const item: ActionItemRecord = { ...current, state: 'done', doneBy: by.name, doneAt: by.now.toISOString() };
  await tx.put('actionItem', item, { closed: true });
  await ops.scheduler.cancel(tx, remindJobId(id));
  const incident = await tx.get('incident', item.incident);
  if (incident) await post(ops, tx, incident, `${by.name} closed ${item.id}: ${item.title}.`);
  tx.audit(by.audit('action.done', id, `closed ${id}: ${item.title}`));
  return item;
}

/** A line in the incident's thread; the incident's post counter is stored with it. */
async function post(ops: Ops, tx: Tx, incident: IncidentRecord, text: string, mention?: string): Promise<void> {
  const next = await threadPost(ops, tx, incident, text, mention ? [{ person: mention }] : undefined);
  await tx.put('incident', next, { closed: next.status === 'resolved' });
}
