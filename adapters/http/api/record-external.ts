import { z } from 'zod';
import type { DeployActor } from '../../../bot/deployments/actor.js';
import { postDeployment } from '../../../bot/deployments/notify.js';
import { checkDeployEnv, checkDeployService } from '../../../bot/deployments/policy.js';
import { checkVersion } from '../../../bot/deployments/request.js';
import { formatId } from '../../../bot/ids.js';
import type { Ops } from '../../../bot/ops.js';
import type { DeploymentRecord } from '../../../data/records/deployment.js';
import type { Tx } from '../../../data/store.js';

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

export type ExternalDeploy = z.infer<typeof externalDeployBody>;

/**
 * Records a deployment made outside dayops as finished history (no approval, no engine run), so
 * deploy history, what-changed and the DORA figures count it; its summary is posted once.
 */
export async function recordExternalDeployment(ops: Ops, tx: Tx, input: ExternalDeploy, actor: DeployActor, channel: string): Promise<DeploymentRecord> {
  checkDeployService(ops, input.service);
  checkDeployEnv(ops, input.env);
  checkVersion(input.version);
  const id = formatId('deployment', await tx.nextNumber('deployment'));
  const now = actor.now.toISOString();
  const finishedAt = input.finishedAt ? new Date(input.finishedAt).toISOString() : now;
  const startedAt = input.startedAt ? new Date(input.startedAt).toISOString() : finishedAt;
  const d: DeploymentRecord = {
    id,
    service: input.service,
    env: input.env,
    version: input.version,
    ...(input.reason ? { reason: input.reason } : {}),
    requester: actor.who,
    requestedFrom: { channel },
    state: input.status,
    history: [
      { state: 'requested', at: startedAt, by: actor.name, note: `recorded from ${input.source}` },
      { state: input.status, at: finishedAt, by: actor.name },
    ],
    approvals: [],
    approvalsRequired: 0,
    ...(input.url ? { engine: { type: input.source, phase: 'deploy', ref: {}, url: input.url } } : {}),
    logTail: [],
    notes: 0,
    result: `Deployed outside dayops (${input.source}); recorded by ${actor.actor.userId}.`,
    ...(input.commitSha ? { commitSha: input.commitSha } : {}),
    ...(input.commitTime ? { commitTime: new Date(input.commitTime).toISOString() } : {}),
    external: true,
    createdAt: now,
    updatedAt: now,
    startedAt,
    finishedAt,
  };
  await postDeployment(ops, tx, d);
  tx.audit(actor.audit('deployment.external', id, `recorded ${input.service} ${input.version} in ${input.env} (${input.status}) from ${input.source}`));
  return d;
}
