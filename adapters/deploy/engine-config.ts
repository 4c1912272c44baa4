import { z } from 'zod';
import type { GitHubGateSpec } from '../github/gate-spec.js';

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

export const engineSpecSchema = z.discriminatedUnion('type', [scriptSpec, webhookSpec, githubActionsSpec, argocdSpec]);

/** What services configure, plus the engines a deployment's own record names (`runsOn`). */
export type EngineSpec = z.infer<typeof engineSpecSchema> | GitHubGateSpec;
