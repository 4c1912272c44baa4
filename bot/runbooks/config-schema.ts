import { z } from 'zod';
import type { EngineSpec } from '../deployments/engine.js';

/** A named operational procedure, run on a deploy engine like a deployment. */
const runbookSchema = (engine: z.ZodType<EngineSpec>) => z
  .object({
    description: z.string(),
    engine,
    /** The environments it may run in; absent: any configured environment. */
    envs: z.array(z.string()).optional(),
    /** Approvals a run needs, each from a different person with `approve` in its environment. */
    approvals: z.number().int().min(0).max(10).default(0),
  })
  .strict();

export const runbooksConfigSchema = (engine: z.ZodType<EngineSpec>) => z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), runbookSchema(engine));

export type RunbookConfig = z.infer<ReturnType<typeof runbookSchema>>;
