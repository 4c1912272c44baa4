import { z } from 'zod';

export const DRIFT_STATES = ['in-sync', 'drift', 'unknown', 'failed'] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

/**
 * The last drift check of one target: a service in an environment read from its deploy engine
 * (`engine|api|production`), or an IaC drift-check runbook in an environment
 * (`runbook|network|production`). `unknown` and `failed` are never "in sync".
 */
export const driftCheckSchema = z.object({
  id: z.string(),
  kind: z.enum(['engine', 'runbook']),
  /** The service (engine checks) or the runbook's name (IaC checks). */
  subject: z.string(),
  env: z.string(),
  state: z.enum(DRIFT_STATES),
  /** What the check said, in a sentence. */
  detail: z.string(),
  /** The live revision the engine reported, when it reported one. */
  live: z.string().optional(),
  checkedAt: z.string(),
  /** The open finding (ALG-n) of this target, while there is one. */
  group: z.string().optional(),
  /** A reading someone accepted: the same reading again raises no new finding. */
  accepted: z.string().optional(),
});

export type DriftCheckRecord = z.infer<typeof driftCheckSchema>;
