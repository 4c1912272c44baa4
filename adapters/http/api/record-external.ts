import { z } from 'zod';

export const externalDeployBody = z
  .object({
    service: z.string().min(1).max(100),
    env: z.string().min(1).max(100),
    version: z.string().min(1).max(128),
    /** How it ended; only finished deployments are recorded. */
    status: z.enum(['succeeded', 'failed']).default('succeeded'),
    /** What made it: `argocd`, `github-actions`, a pipeline's name. */
    source: z.string().min(1).max(100).default('external'),
    requester: z.string().min(1).max(100).optional(),
    reason: z.string().max(500).optional(),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    commitSha: z.string().regex(/^[0-9a-f]{7,64}$/i, { message: 'must be a hex commit hash' }).optional(),
    commitTime: z.iso.datetime({ offset: true }).optional(),
    url: z.url().optional(),
  })
  .strict();

export type ExternalDeployBody = z.infer<typeof externalDeployBody>;

export { recordExternalDeployment } from '../../../bot/deployments/record-external.js';
