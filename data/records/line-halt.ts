import { z } from 'zod';

/** `halt production`: the line is stopped there until `resume production`. Id: the env. */
export const lineHaltSchema = z.object({
  id: z.string(),
  env: z.string(),
  by: z.string(),
  reason: z.string(),
  at: z.string(),
});

export type LineHaltRecord = z.infer<typeof lineHaltSchema>;
