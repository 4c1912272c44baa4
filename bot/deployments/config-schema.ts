import { z } from 'zod';
import type { EngineSpec } from './engine.js';

export const healthCheckSchema = z
  .object({
    url: z.url(),
    timeoutSeconds: z.number().positive().default(60),
    intervalSeconds: z.number().positive().default(5),
  })
  .strict();

/** The example script `npm start` deploys with when a service names no engine. */
export const EXAMPLE_DEPLOY_COMMAND = 'sh scripts/example-deploy.sh';

/** `defaultEngine`: the engine schema (adapters/deploy), with its default. */
export const deploysConfigSchema = (defaultEngine: z.ZodType<EngineSpec>) => z
  .object({
    /** The engine of every service that names none. */
    defaultEngine,
    /** Lines of output kept on the deployment record and shown by deploy-status. */
    logTailLines: z.number().int().min(1).max(500).default(20),
    /** Output lines are gathered this long and posted into the thread together. */
    logFlushSeconds: z.number().min(0).default(2),
  })
  .strict();

export type HealthCheckConfig = z.infer<typeof healthCheckSchema>;
export type DeploysConfig = z.infer<ReturnType<typeof deploysConfigSchema>>;
