import { z } from 'zod';
import { channelRef } from '../config/channel-ref.js';
import { validateCron } from '../cron.js';

const cronExpr = z.string().superRefine((expr, ctx) => {
  try {
    validateCron(expr);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
  }
});

export const DIGEST_PERIODS = ['day', 'week', 'month'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

export const digestScheduleSchema = z
  .object({
    channel: channelRef,
    period: z.enum(DIGEST_PERIODS),
    /** When it is posted (five cron fields, the team time zone). */
    cron: cronExpr,
  })
  .strict();

export const digestConfigSchema = z
  .object({
    schedules: z.array(digestScheduleSchema).default([]),
    /** A deployment counts as failed change when a rollback, failed check or incident follows within this. */
    failureWindowHours: z.number().positive().default(24),
    /** The environments the DORA figures count deployments to. */
    environments: z.array(z.string().min(1)).min(1).default(['production']),
  })
  .strict();

export type DigestConfig = z.infer<typeof digestConfigSchema>;
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;
