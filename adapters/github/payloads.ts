import { z } from 'zod';

/** The fields dayops reads of GitHub's webhook payloads; everything else is ignored. */

const repository = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  owner: z.object({ login: z.string() }),
});

export const protectionRuleEvent = z.object({
  action: z.literal('requested'),
  /** The environment the job waits to enter. */
  environment: z.string().min(1),
  event: z.string().optional(),
  deployment_callback_url: z.string().regex(/\/actions\/runs\/\d+\/deployment_protection_rule$/, { message: 'must be a workflow run deployment_protection_rule URL' }),
  deployment: z.object({ id: z.number().int(), sha: z.string(), ref: z.string(), created_at: z.string() }),
  repository,
  installation: z.object({ id: z.number().int() }),
  sender: z.object({ login: z.string() }),
});

export const deploymentStatusEvent = z.object({
  action: z.string(),
  deployment_status: z.object({
    state: z.string(),
    description: z.string().nullish(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
    updated_at: z.string(),
  }),
  deployment: z.object({ id: z.number().int() }),
  repository,
});

export const workflowRunEvent = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number().int(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string(),
    updated_at: z.string(),
  }),
  repository,
});

export type ProtectionRuleEvent = z.infer<typeof protectionRuleEvent>;
export type DeploymentStatusEvent = z.infer<typeof deploymentStatusEvent>;
export type WorkflowRunEvent = z.infer<typeof workflowRunEvent>;

/** The run id in a deployment_callback_url. */
export function runIdOf(callbackUrl: string): number {
  return Number(/\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(callbackUrl)?.[1]);
}
