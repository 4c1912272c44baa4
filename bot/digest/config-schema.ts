import { z } from 'zod';

/** Same shape as config/schema.ts channelRef; repeated because that file imports this one. */
const channelRef = z.string().regex(/^(shell|slack|discord):#?[\w.-]+$/, { message: 'must be a channel such as shell:ops' });

export const digestScheduleSchema = z
  .object({
    channel: channelRef,
    period: z.enum(['day', 'week']),
    /** When it is posted (five cron fields, the team time zone). */
    cron: z.string(),
  })
  .strict();

export const digestConfigSchema = z
  .object({
    schedules: z.array(digestScheduleSchema).default([]),
    /** A deployment counts as failed change when a rollback, failed check or incident follows within this. */
    failureWindowHours: z.number().positive().default(24),
  })
  .strict();

export type DigestConfig = z.infer<typeof digestConfigSchema>;
