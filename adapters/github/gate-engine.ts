import { UserError } from '../../bot/errors.js';
import type { Ops } from '../../bot/ops.js';
import type { DeployEngine, Emit, EngineEvent, EngineJob, EngineRef } from '../../bot/deployments/engine.js';
import { gitHubMessage, statusOf } from '../deploy/github-actions/errors.js';
import { finalStatusOf } from '../deploy/github-actions/run-status.js';
import { ActiveRuns } from '../deploy/remote/active-runs.js';
import type { InstallationClients } from './app-client.js';
import { queueDecision } from './callback-message.js';
import { approvalComment, decisionFor } from './comments.js';
import { githubGateSpec, type GitHubGateSpec } from './gate-spec.js';

/**
 * The engine of a deployment a GitHub workflow asked for: starting it answers the protection
 * rule with "approved" (through the outbox), the workflow run's events end it, and halting it
 * cancels the run.
 */
export class GitHubGateEngine implements DeployEngine {
  readonly type = 'github-gate' as const;
  private readonly runs: ActiveRuns;

  constructor(
    private readonly ops: Ops,
    private readonly clients: InstallationClients,
  ) {
    this.runs = new ActiveRuns(ops.log);
  }

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    await this.ops.store.transact(async (tx) => {
      const d = await tx.get('deployment', job.id);
      const comment = d ? approvalComment(this.ops, d) : `Approved in dayops (${job.id}).`;
      await queueDecision(this.ops.outbox, tx, decisionFor(spec, 'approved', comment, job.id));
    });
    run.emit({ type: 'status', status: 'running', message: `GitHub is told to let workflow run ${spec.runId} into ${spec.environment}.`, url: spec.runUrl });
    return { runId: spec.runId };
  }

  /** After a restart: the run may have ended while dayops was away, so it is read once. */
  async follow(job: EngineJob, _ref: EngineRef, emit: Emit): Promise<void> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const client = this.clients.get(spec.installationId);
    if (!client) return;
    try {
      const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: spec.owner, repo: spec.repo, run_id: spec.runId });
      const final = finalStatusOf(data);
      if (final) run.emit(final);
    } catch (err) {
      // Its events still end it; this read was only for what happened meanwhile.
      this.ops.log.warn({ err, deployment: job.id }, 'reading a GitHub workflow run after a restart failed');
    }
  }

  /** Cancels the workflow run; its job is then over, so the run ends here as halted. */
  async halt(job: EngineJob, _ref: EngineRef): Promise<void> {
    const spec = specOf(job);
    const client = this.clients.get(spec.installationId);
    if (!client) throw new UserError('unavailable', 'GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY are not set, so dayops cannot cancel the workflow run.');
    try {
      await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { owner: spec.owner, repo: spec.repo, run_id: spec.runId });
    } catch (err) {
      // 409: the run has already completed.
      if (statusOf(err) !== 409) throw new UserError('unavailable', `GitHub did not cancel workflow run ${spec.runId}: ${gitHubMessage(err)}`);
    }
    this.runs.get(job.id)?.emit({ type: 'status', status: 'halted', message: `Workflow run ${spec.runId} was cancelled.`, url: spec.runUrl });
  }

  /** An event of a run this process follows; false when it follows no run of that deployment. */
  report(deploymentId: string, event: EngineEvent): boolean {
    const run = this.runs.get(deploymentId);
    if (!run) return false;
    run.emit(event);
    return true;
  }

  close(): void {
    this.runs.closeAll();
  }
}

function specOf(job: EngineJob): GitHubGateSpec {
  const parsed = githubGateSpec.safeParse(job.spec);
  if (!parsed.success) throw new Error(`The github-gate engine got a job it cannot run (${job.id}): only a GitHub deployment protection rule starts one.`);
  return parsed.data;
}
