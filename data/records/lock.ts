import { z } from 'zod';

/** One person holds an environment; others may not deploy there until it is unlocked. Id: the env. */
export const lockSchema = z.object({
  id: z.string(),
  env: z.string(),
  /** The dayops person, or the platform user id of someone the config does not know. */
  holder: z.string(),
  holderName: z.string(),
  reason: z.string().optional(),
  at: z.string(),
});

export type LockRecord = z.infer<typeof lockSchema>;
