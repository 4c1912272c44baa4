import type { ReminderFiring, ReminderRecord } from '../../data/records/reminder.js';
import type { Button, Field, OpsMessage } from '../model.js';
import { formatTime } from '../time.js';
import { DONE_ACTION, FAILED_ACTION, firingRef, RUN_ACTION, SNOOZE_ACTION, SNOOZE_CHOICES } from './keys.js';
import { describeSchedule } from './schedule.js';

/** Times on a reminder read in its own zone when it has one, else the team's. */
export function reminderTz(r: ReminderRecord, teamTz: string): string {
  return r.schedule.kind === 'cron' ? r.schedule.tz : teamTz;
}

/** One firing as a message: buttons while it is not done, and who pressed what so far. */
export function firingMessage(r: ReminderRecord, f: ReminderFiring, teamTz: string): OpsMessage {
  const tz = reminderTz(r, teamTz);
  const fields: Field[] = [{ label: 'Schedule', value: describeSchedule(r.schedule, tz), short: true }];
  if (r.owner) fields.push({ label: 'Owner', value: r.owner, short: true });
  if (r.runbook) fields.push({ label: 'Runbook', value: r.runbook, short: true });
  if (r.decision) fields.push({ label: 'Decision', value: r.decision, short: true });
  const message: OpsMessage = {
    title: `${r.id} · ${r.text}`,
    fields,
    tone: f.status === 'done' ? (f.outcome === 'failed' ? 'danger' : 'success') : f.status === 'snoozed' ? 'neutral' : 'info',
    context: [`${r.id} · firing ${f.n}${lateNote(f, tz)}`, ...statusLines(f, tz)],
    time: { at: f.dueAt, style: 'datetime' },
  };
  if (r.owner) message.mentions = [{ person: r.owner }];
  if (f.status !== 'done') message.buttons = firingButtons(r, f);
  return message;
}

function firingButtons(r: ReminderRecord, f: ReminderFiring): Button[] {
  const ref = firingRef(r.id, f.n);
  const buttons: Button[] = [
    { kind: 'action', label: 'Done', action: DONE_ACTION, value: ref, style: 'primary' },
    ...(r.decision ? [{ kind: 'action' as const, label: 'Failed', action: FAILED_ACTION, value: ref, style: 'danger' as const }] : []),
    { kind: 'choice', label: 'Snooze', action: SNOOZE_ACTION, options: SNOOZE_CHOICES.map((d) => ({ label: d, value: `${ref} ${d}` })) },
  ];
  if (r.runbook) buttons.push({ kind: 'action', label: `Run ${r.runbook}`, action: RUN_ACTION, value: ref });
  return buttons;
}

function lateNote(f: ReminderFiring, tz: string): string {
  return f.late ? ` · late: was due ${formatTime(new Date(f.dueAt), tz)}, dayops was not running then` : '';
}

function statusLines(f: ReminderFiring, tz: string): string[] {
  const lines = f.presses.map((p) => `${p.action} by ${p.by} at ${formatTime(new Date(p.at), tz)}`);
  if (f.status === 'snoozed' && f.snoozedUntil) lines.push(`Snoozed until ${formatTime(new Date(f.snoozedUntil), tz)}`);
  return lines;
}

/** One line per reminder for `reminders`. */
export function reminderLine(r: ReminderRecord, teamTz: string): string {
  const tz = reminderTz(r, teamTz);
  const next = r.state === 'active' && r.nextAt ? `next ${formatTime(new Date(r.nextAt), tz)}` : r.state;
  const extras = [r.owner && `owner ${r.owner}`, r.runbook && `runbook ${r.runbook}`, r.decision && `for ${r.decision}`].filter(Boolean);
  return `${r.id} · ${r.channel} · ${r.text} · ${describeSchedule(r.schedule, tz)} · ${next}${extras.length ? ` · ${extras.join(', ')}` : ''}`;
}
