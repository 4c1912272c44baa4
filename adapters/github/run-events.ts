import { openDeployments } from '../../bot/deployments/find.js';
import { settle } from '../../bot/deployments/finish.js';
import type { Ops } from '../../bot/ops.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { EngineEvent } from '../../bot/deployments/engine.js';
import { finalStatusOf } from '../deploy/github-actions/run-status.js';
import type { HttpResponse } from '../http/types.js';
import { rememberDelivery, seenDelivery } from './deliveries.js';
import type { GitHubGateEngine } from './gate-engine.js';
import { githubGateSpec, type GitHubGateSpec } from './gate-spec.js';
import type { DeploymentStatusEvent, WorkflowRunEvent } from './payloads.js';

type Match = (spec: GitHubGateSpec) => boolean;

/** deployment_status: the job's own deployment at GitHub says how it went, with its log link. */
export function onDeploymentStatus(ops: Ops, engine: GitHubGateEngine, delivery: string, p: DeploymentStatusEvent): Promise<HttpResponse> {
  const status = p.deployment_status;
  const url = status.log_url ?? status.target_url ?? undefined;
  const why = status.description ? `: ${status.description}` : '';
  const event: EngineEvent =
    status.state === 'success'
      ? { type: 'status', status: 'succeeded', message: `GitHub reports the deployment succeeded${why}.`, ...(url ? { url } : {}) }
      : status.state === 'failure' || status.state === 'error'
        ? { type: 'status', status: 'failed', message: `GitHub reports the deployment ${status.state === 'error' ? 'errored' : 'failed'}${why}.`, ...(url ? { url } : {}) }
        : { type: 'log', line: `GitHub deployment ${p.deployment.id} is ${status.state}${why}.` };
  return forward(ops, engine, delivery, 'deployment_status', p, (s) => s.deploymentId === p.deployment.id, event);
}

/** workflow_run completed: whatever of ours is still running in that run ends as the run did. */
export function onWorkflowRun(ops: Ops, engine: GitHubGateEngine, delivery: string, p: WorkflowRunEvent): Promise<HttpResponse> {
  const final = finalStatusOf(p.workflow_run);
  const event: EngineEvent = final ?? { type: 'log', line: `Workflow run ${p.workflow_run.id} is ${p.workflow_run.status ?? 'pending'}.` };
  return forward(ops, engine, delivery, 'workflow_run', p, (s) => s.runId === p.workflow_run.id, event);
}

async function forward(ops: Ops, engine: GitHubGateEngine, delivery: string, name: string, p: { repository: { full_name: string } }, match: Match, event: EngineEvent): Promise<HttpResponse> {
  const now = ops.clock.now();
  const found = await ops.store.transact(async (tx) => {
    if (await seenDelivery(tx, delivery)) return undefined;
    await rememberDelivery(tx, delivery, name, now);
    return openDeployments(tx, (d) => ours(d, p.repository.full_name, match));
  });
  if (!found) return { status: 409, body: { error: 'replayed', message: 'This X-GitHub-Delivery was handled already.' } };
  const reached = found.filter((d) => engine.report(d.id, event)).map((d) => d.id);
  // Not followed here (another replica follows it, or this one is still starting): the end is recorded directly.
  const missed = found.filter((d) => !reached.includes(d.id) && d.state === 'running' && d.engine?.type === 'github-gate');
  if (event.type === 'status' && event.status !== 'running' && missed.length > 0) {
    const to = event.status;
    await ops.store.transact(async (tx) => {
      for (const d of missed) await settle(ops, tx, d.id, to, event.message ?? `GitHub reports the deployment ${to}.`);
    });
    reached.push(...missed.map((d) => d.id));
  }
  return { status: 202, body: { accepted: true, deployments: reached } };
}

function ours(d: DeploymentRecord, fullName: string, match: Match): boolean {
  const spec = githubGateSpec.safeParse(d.runsOn);
  return spec.success && `${spec.data.owner}/${spec.data.repo}`.toLowerCase() === fullName.toLowerCase() && match(spec.data);
}
