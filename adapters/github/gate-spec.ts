import { z } from 'zod';

/**
 * The engine of a deployment a GitHub workflow asked for through a deployment protection rule:
 * the workflow run itself. Never configured; the gate sets it on the deployment it records.
 */
export const githubGateSpec = z.object({
  type: z.literal('github-gate'),
  owner: z.string(),
  repo: z.string(),
  /** The GitHub environment the job waits to enter (the callback's environment_name). */
  environment: z.string(),
  runId: z.number().int(),
  /** The GitHub deployment the job made, whose deployment_status events tell how it went. */
  deploymentId: z.number().int(),
  installationId: z.number().int(),
  runUrl: z.string(),
  /** After this, GitHub has stopped waiting for an answer (ISO time). */
  deadline: z.string(),
});

export type GitHubGateSpec = z.infer<typeof githubGateSpec>;
