import { z } from 'zod';
import { channelRef } from '../config/channel-ref.js';
import type { EngineSpec } from '../deployments/engine.js';

const channelRefLike = channelRef;

/** A named operational procedure, run on a deploy engine like a deployment. */
const runbookSchema = (engine: z.ZodType<EngineSpec>) => z
  .object({
    description: z.string(),
    engine,
    /** The environments it may run in; absent: any configured environment. */
    envs: z.array(z.string()).optional(),
    /** Approvals a run needs, each from a different person with `approve` in its environment. */
    approvals: z.number().int().min(0).max(10).default(0),
    /**
     * Absent: a procedure. `drift-check`: an IaC plan (`terraform plan -detailed-exitcode`) whose exit code 2 means
     * drift, 0 none, anything else a failed check; its result is a drift finding (docs/drift.md).
     */
    kind: z.enum(['procedure', 'drift-check']).optional(),
    /** Runs by itself on this schedule, in each of its environments (`envs`, else the first configured). */
    schedule: z.object({ cron: z.string(), tz: z.string().optional() }).strict().optional(),
    /** A drift-check's remedy: the runbook its finding's Apply button runs (through that runbook's approvals). */
    apply: z.string().optional(),
    /** Where a scheduled run posts; absent: channels.ops. */
    channel: channelRefLike.optional(),
  })
  .strict();

export const runbooksConfigSchema = (engine: z.ZodType<EngineSpec>) => z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), runbookSchema(engine));

export type RunbookConfig = z.infer<ReturnType<typeof runbookSchema>>;
