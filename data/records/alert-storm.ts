import { z } from 'zod';

/** A storm digest in one channel: one message standing for many new groups, listed in its thread. */
export const alertStormSchema = z.object({
  /** `storm:${channel}:${n}`; also the digest's message key. */
  id: z.string(),
  channel: z.string(),
  openedAt: z.string(),
  /** When the last group joined; a quiet minute ends the storm. */
  lastJoinedAt: z.string(),
  groups: z.array(z.string()),
  /** Set after the quiet minute: its groups then show their full cards. */
  endedAt: z.string().optional(),
});

export type AlertStormRecord = z.infer<typeof alertStormSchema>;
