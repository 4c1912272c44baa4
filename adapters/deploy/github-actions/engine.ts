import type { Logger } from 'pino';
import { UserError } from '../../../bot/errors.js';
import type { DeployEngine, Emit, EngineJob, EngineRef } from '../../../bot/deployments/engine.js';
import { ActiveRuns, type ActiveRun } from '../remote/active-runs.js';
import { pollLoop, runInBackground } from '../remote/poll-loop.js';
import { DEFAULT_TIMING, pause, withTimeout, type RemoteTiming } from '../remote/timing.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { githubActionsSpec, jobSpec } from '../engine-config.js';
import { dispatchWorkflow, type GitHubActionsSpec } from './dispatch.js';
import { classifyGitHubError, gitHubMessage, statusOf } from './errors.js';
import { finalStatusOf } from './run-status.js';

export interface GitHubActionsEngineOptions {
  /** GITHUB_TOKEN (or its file), from config secrets. */
  token: string | undefined;
  log: Logger;
  now?: () => Date;
  timing?: Partial<RemoteTiming>;
  /** After a cancel, how long the run may take to stop before it is force-cancelled. */
  forceCancelAfterMs?: number;
  /** How many times the run list is read when the dispatch answer held no run id. */
  findRunAttempts?: number;
}

/** Runs a deployment as a GitHub Actions workflow_dispatch and follows the run it starts. */
export class GitHubActionsEngine implements DeployEngine {
  readonly type = 'github-actions' as const;
  private readonly runs: ActiveRuns;
  private readonly clients = new Map<string, GitHubClient>();
  private readonly claimed = new Set<number>();
  private readonly timing: RemoteTiming;
  private readonly shutdown = new AbortController();

  constructor(private readonly options: GitHubActionsEngineOptions) {
    this.runs = new ActiveRuns(options.log);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const client = this.client(spec);
    if (!client) {
      run.emit({ type: 'status', status: 'failed', message: 'GITHUB_TOKEN is not set, so dayops cannot start GitHub Actions workflows.' });
      return {};
    }
    let dispatched;
    try {
      dispatched = await dispatchWorkflow(client, job, spec, {
        requestTimeoutMs: this.timing.requestTimeoutMs,
        findAttempts: this.options.findRunAttempts ?? 10,
        findIntervalMs: pollMs(spec),
        now: this.now,
        claimed: this.claimed,
        signal: run.signal,
      });
    } catch (err) {
      run.emit({ type: 'status', status: 'failed', message: dispatchFailure(err, spec) });
      return {};
    }
    if (!dispatched) {
      run.emit({ type: 'status', status: 'failed', message: `The workflow ${spec.workflow} was dispatched, but its run did not appear in ${spec.owner}/${spec.repo}'s run list.` });
      return {};
    }
    this.claimed.add(dispatched.runId);
    run.emit({ type: 'status', status: 'running', message: `Workflow run ${dispatched.runId} started.`, ...(dispatched.htmlUrl ? { url: dispatched.htmlUrl } : {}) });
    this.follow$(run, client, spec, dispatched.runId);
    return { runId: dispatched.runId };
  }

  async follow(job: EngineJob, ref: EngineRef, emit: Emit): Promise<void> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const client = this.client(spec);
    const runId = ref.runId;
    if (!client || typeof runId !== 'number') {
      run.emit({ type: 'status', status: 'failed', message: client ? 'The deployment has no workflow run to follow.' : 'GITHUB_TOKEN is not set, so dayops cannot follow the workflow run.' });
      return;
    }
    this.claimed.add(runId);
    this.follow$(run, client, spec, runId);
  }

  /** Cancels the run; if it has not stopped after the grace period, force-cancels it. */
  async halt(job: EngineJob, ref: EngineRef): Promise<void> {
    const spec = specOf(job);
    const client = this.client(spec);
    const runId = ref.runId;
    if (!client || typeof runId !== 'number') throw new UserError('unavailable', 'There is no GitHub workflow run to cancel for this deployment.');
    const active = this.runs.get(job.id);
    if (active) active.halting = true;
    const params = { owner: spec.owner, repo: spec.repo, run_id: runId };
    try {
      await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { ...params, request: { signal: this.requestSignal() } });
    } catch (err) {
      // 409: the run already completed; following it reports how it ended.
      if (statusOf(err) === 409) return;
      throw new UserError('unavailable', `GitHub did not cancel workflow run ${runId}: ${gitHubMessage(err)}`);
    }
    void this.forceCancelLater(client, params, active).catch((err: unknown) => {
      this.options.log.warn({ err, runId }, 'force-cancel of a workflow run failed');
      active?.emit({ type: 'log', line: `Force-cancelling workflow run ${runId} failed: ${gitHubMessage(err)}` });
    });
  }

  /** Stops following every run (shutdown); the runs go on at GitHub. */
  close(): void {
    this.shutdown.abort();
    this.runs.closeAll();
  }

  private follow$(run: ActiveRun, client: GitHubClient, spec: GitHubActionsSpec, runId: number): void {
    let lastStatus: string | null = null;
    const step = async () => {
      const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner: spec.owner,
        repo: spec.repo,
        run_id: runId,
        request: { signal: withTimeout(run.signal, this.timing.requestTimeoutMs) },
      });
      const final = finalStatusOf(data);
      if (final) return run.emit(final);
      if (data.status !== lastStatus) run.emit({ type: 'log', line: `Workflow run ${runId} is ${data.status ?? 'pending'}.` });
      lastStatus = data.status;
    };
    runInBackground(run, () => pollLoop(run, { intervalMs: pollMs(spec), maxBackoffMs: this.timing.maxBackoffMs, classify: classifyGitHubError }, step));
  }

  private async forceCancelLater(client: GitHubClient, params: { owner: string; repo: string; run_id: number }, active: ActiveRun | undefined): Promise<void> {
    const signal = active?.signal ?? this.shutdown.signal;
    // An ended wait means the run already reported its end, or dayops is shutting down.
    if (!(await pause(this.options.forceCancelAfterMs ?? 60_000, signal))) return;
    const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...params, request: { signal: this.requestSignal() } });
    if (data.status === 'completed') return;
    active?.emit({ type: 'log', line: `Workflow run ${params.run_id} did not stop after the cancel; force-cancelling it.` });
    try {
      await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel', { ...params, request: { signal: this.requestSignal() } });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }

  private client(spec: GitHubActionsSpec): GitHubClient | undefined {
    if (!this.options.token) return undefined;
    const key = spec.apiUrl ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = createGitHubClient(this.options.token, spec.apiUrl);
      this.clients.set(key, client);
    }
    return client;
  }

  private requestSignal(): AbortSignal {
    return withTimeout(this.shutdown.signal, this.timing.requestTimeoutMs);
  }

  private readonly now = (): Date => (this.options.now ?? (() => new Date()))();
}

function specOf(job: EngineJob): GitHubActionsSpec {
  return jobSpec(githubActionsSpec, job, 'github-actions');
}

function pollMs(spec: GitHubActionsSpec): number {
  return spec.pollSeconds * 1000;
}

function dispatchFailure(err: unknown, spec: GitHubActionsSpec): string {
  const status = statusOf(err);
  const where = `${spec.owner}/${spec.repo} workflow ${spec.workflow}`;
  if (status === 404) return `GitHub does not know ${where} (404): ${gitHubMessage(err)}`;
  if (status === 422) return `GitHub refused to dispatch ${where} (422): ${gitHubMessage(err)}`;
  // Not retried: a second dispatch could deploy twice.
  return `Dispatching ${where} failed${status ? ` (${status})` : ''}: ${gitHubMessage(err)}`;
}
