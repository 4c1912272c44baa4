import { z } from 'zod';
import type { EngineJob, EngineSpec } from '../../bot/deployments/engine.js';

export const scriptSpec = z.object({
  type: z.literal('script'),
  /** Run through /bin/sh with DAYOPS_SERVICE, DAYOPS_ENV, DAYOPS_VERSION, DAYOPS_DEPLOY_ID set. */
  command: z.string().min(1),
  cwd: z.string().optional(),
  /** Seconds between SIGTERM and SIGKILL on halt. */
  graceSeconds: z.number().positive().default(10),
  timeoutSeconds: z.number().positive().optional(),
});

export const webhookSpec = z.object({
  type: z.literal('webhook'),
  url: z.url(),
  /** Polled for status when the engine does not call back. */
  statusUrl: z.url().optional(),
  cancelUrl: z.url().optional(),
  /** Name of the environment variable (or `<NAME>_FILE`) holding the HMAC secret for callbacks. */
  secretEnv: z.string().default('DAYOPS_DEPLOY_WEBHOOK_SECRET'),
  pollSeconds: z.number().positive().default(10),
});

export const githubActionsSpec = z.object({
  type: z.literal('github-actions'),
  owner: z.string(),
  repo: z.string(),
  /** Workflow file name (deploy.yml) or id. */
  workflow: z.union([z.string(), z.number()]),
  ref: z.string().default('main'),
  /** Extra workflow inputs; service, env, version and deploy_id are always sent. */
  inputs: z.record(z.string(), z.string()).default({}),
  pollSeconds: z.number().positive().default(10),
  apiUrl: z.url().optional(),
});

export const argocdSpec = z.object({
  type: z.literal('argocd'),
  /** The Argo CD application; `{service}` and `{env}` are replaced. */
  application: z.string(),
  prune: z.boolean().default(false),
  pollSeconds: z.number().positive().default(5),
});

export type ScriptSpec = z.infer<typeof scriptSpec>;

export const engineSpecSchema = z.discriminatedUnion('type', [scriptSpec, webhookSpec, githubActionsSpec, argocdSpec]);

/**
 * An engine's own settings, read back through the schema that validated them when the config was
 * loaded (the core holds them only as an EngineSpec). Undefined for a spec of another engine.
 */
export function specAs<S extends z.ZodType<EngineSpec>>(schema: S, spec: EngineSpec): z.infer<S> | undefined {
  const parsed = schema.safeParse(spec);
  return parsed.success ? parsed.data : undefined;
}

/** The job's spec for the engine of `schema`; a job of another type is a bug in the registry. */
export function jobSpec<S extends z.ZodType<EngineSpec>>(schema: S, job: EngineJob, engine: string): z.infer<S> {
  const spec = specAs(schema, job.spec);
  if (!spec) throw new Error(`The ${engine} engine got a ${job.spec.type} job it cannot run (${job.id}).`);
  return spec;
}
