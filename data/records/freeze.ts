import { z } from 'zod';

/**
 * A time window with no deploys (FRZ-2): one-off (`from`…`until`) or recurring (each run of
 * `cron` in `tz` starts a window of `durationMs`).
 */
export const freezeSchema = z.object({
  id: z.string(),
  env: z.string(),
  reason: z.string(),
  by: z.string(),
  createdAt: z.string(),
  from: z.string().optional(),
  until: z.string().optional(),
  cron: z.string().optional(),
  tz: z.string().optional(),
  durationMs: z.number().int().positive().optional(),
  /** Set when it was lifted early or its window passed. */
  endedAt: z.string().optional(),
  endedBy: z.string().optional(),
});

export type FreezeRecord = z.infer<typeof freezeSchema>;
