/** Job types, button actions and message keys of the reminders feature. */
export const FIRE_JOB = 'reminder.fire';
export const NUDGE_JOB = 'reminder.nudge';
export const SNOOZE_END_JOB = 'reminder.snooze-end';

export const DONE_ACTION = 'reminder.done';
export const FAILED_ACTION = 'reminder.failed';
export const SNOOZE_ACTION = 'reminder.snooze';
export const RUN_ACTION = 'reminder.run';

/** Snooze choices offered on every firing. */
export const SNOOZE_CHOICES = ['1h', '1d'] as const;

/** The key of a firing's first message; later messages (after a snooze) add `:again-k`. */
export function firingKey(id: string, n: number, again = 0): string {
  return again === 0 ? `reminder:${id}:${n}` : `reminder:${id}:${n}:again-${again}`;
}

/** The value buttons carry: the reminder and the firing (`REM-3:4`). */
export function firingRef(id: string, n: number): string {
  return `${id}:${n}`;
}

export function fireJobId(id: string, seq?: number): string {
  return seq === undefined ? `reminder:${id}` : `reminder:${id}:${seq}`;
}

export function nudgeJobId(id: string, n: number): string {
  return `reminder-nudge:${id}:${n}`;
}

export function snoozeJobId(id: string, n: number): string {
  return `reminder-snooze:${id}:${n}`;
}
