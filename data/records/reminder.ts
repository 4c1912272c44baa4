import { z } from 'zod';

/** How a reminder recurs: a cron expression in a zone, a fixed interval, or once. */
export const reminderScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cron'), cron: z.string(), tz: z.string() }),
  z.object({ kind: z.literal('every'), everyMs: z.number().int().positive(), text: z.string() }),
  z.object({ kind: z.literal('at'), at: z.string() }),
]);

/** One press of a button on a firing, kept on the record and shown on the message. */
export const reminderPressSchema = z.object({
  by: z.string(),
  action: z.string(),
  at: z.string(),
});

/** One time a reminder went off: its messages and what people did about it. */
export const reminderFiringSchema = z.object({
  n: z.number().int().positive(),
  dueAt: z.string(),
  firedAt: z.string(),
  late: z.boolean(),
  status: z.enum(['open', 'done', 'snoozed']),
  /** How the work went, when it was marked done (the Done or Failed button). */
  outcome: z.enum(['passed', 'failed']).optional(),
  snoozedUntil: z.string().optional(),
  /** The message keys this firing posted (the first, then one per snooze that ended). */
  keys: z.array(z.string()),
  nudged: z.boolean(),
  presses: z.array(reminderPressSchema),
});

/** A maintenance reminder (REM-n). */
export const reminderSchema = z.object({
  id: z.string(),
  channel: z.string(),
  text: z.string(),
  schedule: reminderScheduleSchema,
  state: z.enum(['active', 'paused', 'finished', 'cancelled']),
  runbook: z.string().optional(),
  owner: z.string().optional(),
  /** The decision (D-n) this duty comes from. */
  decision: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The scheduler job that fires it next, while active. */
  jobId: z.string().optional(),
  nextAt: z.string().optional(),
  /** Firings so far; numbers message keys. */
  fired: z.number().int().min(0),
  /** The latest firings, newest last (a short window, not the whole history). */
  firings: z.array(reminderFiringSchema),
});

export type ReminderRecord = z.infer<typeof reminderSchema>;
export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;
export type ReminderFiring = z.infer<typeof reminderFiringSchema>;
