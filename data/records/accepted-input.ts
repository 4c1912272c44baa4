import { z } from 'zod';

/**
 * A command or button press acknowledged to its platform and not yet answered: written before
 * the acknowledgement, removed once the person has their answer, run after a restart otherwise.
 */
export const acceptedInputSchema = z.object({
  /** The input's idempotency key (Slack trigger_id / action_ts, Discord interaction id). */
  id: z.string(),
  acceptedAt: z.string(),
  kind: z.enum(['command', 'action']),
  /** The neutral CommandInput or ActionInput, as the adapter made it. */
  input: z.record(z.string(), z.unknown()),
  /** Which adapter answers later, and how (a Slack response_url, a Discord interaction token): its own data. */
  answer: z.object({ platform: z.string(), route: z.record(z.string(), z.unknown()) }),
});

export type AcceptedInputRecord = z.infer<typeof acceptedInputSchema>;
