import { z } from 'zod';

/** A schedule made from chat or imported from a calendar; the definition is checked by bot/oncall. */
export const oncallScheduleSchema = z.object({
  /** The schedule's name. */
  id: z.string(),
  definition: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** An override (OVR-n): someone else is on call for a level of a schedule for a while. */
export const oncallOverrideSchema = z.object({
  id: z.string(),
  schedule: z.string(),
  level: z.string(),
  person: z.string(),
  from: z.string(),
  until: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The accepted swap (SWP-n) it came from. */
  swap: z.string().optional(),
  cancelledBy: z.string().optional(),
});

/** A swap request (SWP-n): `from` asks `to` to take one of their shifts. */
export const oncallSwapSchema = z.object({
  id: z.string(),
  schedule: z.string(),
  level: z.string(),
  from: z.string(),
  to: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  override: z.string().optional(),
});

/** The escalation of one alert group, by the group's id: where it stands and what it did. */
export const escalationSchema = z.object({
  id: z.string(),
  policy: z.string(),
  schedule: z.string().optional(),
  status: z.enum(['running', 'stopped', 'finished']),
  /** The step that fires next, and in which round (0 is the first). */
  step: z.number().int(),
  round: z.number().int(),
  /** The job that fires the next step, while running. */
  job: z.string().optional(),
  startedAt: z.string(),
  stoppedAt: z.string().optional(),
  stoppedBy: z.string().optional(),
  /** Steps fired so far, `round.step`, so a step is never fired twice. */
  fired: z.array(z.string()).default([]),
});

/** The secret calendar feed tokens are derived from; one record, made on first use. */
export const oncallFeedKeySchema = z.object({ id: z.string(), secret: z.string() });

export type OncallScheduleRecord = z.infer<typeof oncallScheduleSchema>;
export type OncallOverrideRecord = z.infer<typeof oncallOverrideSchema>;
export type OncallSwapRecord = z.infer<typeof oncallSwapSchema>;
export type EscalationRecord = z.infer<typeof escalationSchema>;
