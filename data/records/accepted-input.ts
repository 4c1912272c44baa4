import { z } from 'zod';

/**
 * A command or button press acknowledged to its platform and not yet answered: written before
 * the acknowledgement, removed once the person has their answer, run after a restart otherwise.
 */
export const acceptedInputSchema = z.object({
  /** The input's idempotency key (from the platform's own ids: a trigger id, an interaction id). */
  id: z.string(),
  acceptedAt: z.string(),
  kind: z.enum(['command', 'action']),
  /** The neutral CommandInput or ActionInput, as the adapter made it. */
  input: z.record(z.string(), z.unknown()),
  /** Which adapter answers later, and how (a response URL, an interaction token): its own data. */
  answer: z.object({ platform: z.string(), route: z.record(z.string(), z.unknown()) }),
});

export type AcceptedInputRecord = z.infer<typeof acceptedInputSchema>;
