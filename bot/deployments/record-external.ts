import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { DeployActor } from './actor.js';
import { newDeploymentRecord } from './new-record.js';
import { postDeployment } from './notify.js';
import { checkDeployEnv, checkDeployService } from './policy.js';
import { checkVersion } from './request.js';

/** A deployment dayops did not run, as whoever reports it (the pipeline API, an accepted drift) describes it. */
export interface ExternalDeploy {
  service: string;
  env: string;
  version: string;
  status: 'succeeded' | 'failed';
  /** What made it: `argocd`, `github-actions`, a pipeline's name. */
  source: string;
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
  commitSha?: string;
  commitTime?: string;
  url?: string;
}

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
  const d = newDeploymentRecord(
    {
      ...input,
      id,
      place: { channel },
      approvalsRequired: 0,
      ...(input.commitTime ? { commitTime: new Date(input.commitTime).toISOString() } : {}),
    },
    actor,
    {
      state: input.status,
      history: [
        { state: 'requested', at: startedAt, by: actor.name, note: `recorded from ${input.source}` },
        { state: input.status, at: finishedAt, by: actor.name },
      ],
      ...(input.url ? { engine: { type: input.source, phase: 'deploy', ref: {}, url: input.url } } : {}),
      result: `Deployed outside dayops (${input.source}); recorded by ${actor.actor.userId}.`,
      external: true,
      startedAt,
      finishedAt,
    },
  );
  await postDeployment(ops, tx, d);
  tx.audit(actor.audit('deployment.external', id, `recorded ${input.service} ${input.version} in ${input.env} (${input.status}) from ${input.source}`));
  return d;
}
