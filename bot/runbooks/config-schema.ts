import { z } from 'zod';
import { engineSpecSchema } from '../../adapters/deploy/engine-config.js';

/** A named operational procedure, run on a deploy engine like a deployment. */
export const runbookSchema = z
  .object({
    description: z.string(),
    engine: engineSpecSchema,
    /** The environments it may run in; absent: any configured environment. */
    envs: z.array(z.string()).optional(),
    /** Approvals a run needs, each from a different person with `approve` in its environment. */
    approvals: z.number().int().min(0).max(10).default(0),
  })
  .strict();

export const runbooksConfigSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), runbookSchema);

export type RunbookConfig = z.infer<typeof runbookSchema>;
