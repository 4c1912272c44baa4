import type { MaintenanceRecord } from '../../data/records/maintenance.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import type { DigestWindow } from './window.js';

type Ahead = Pick<DigestWindow, 'to' | 'next'>;

/** Windows not yet ended that overlap the period ahead, soonest first. */
export function upcomingMaintenance(windows: readonly MaintenanceRecord[], w: Ahead): MaintenanceRecord[] {
  return windows
    .filter((m) => m.state !== 'ended' && Date.parse(m.startsAt) < w.next.getTime() && Date.parse(m.endsAt) > w.to.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Active reminders whose next run falls in the period ahead, soonest first. */
export function upcomingReminders(reminders: readonly ReminderRecord[], w: Ahead): ReminderRecord[] {
  const due = (r: ReminderRecord) => r.nextAt !== undefined && Date.parse(r.nextAt) >= w.to.getTime() && Date.parse(r.nextAt) < w.next.getTime();
  return reminders.filter((r) => r.state === 'active' && due(r)).sort((a, b) => a.nextAt!.localeCompare(b.nextAt!));
}
