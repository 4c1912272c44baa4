import type { z } from 'zod';
import type { githubActionsSpec } from '../engine-config.js';
import type { EngineJob } from '../../../bot/deployments/engine.js';
import { pause, withTimeout } from '../remote/timing.js';
import type { GitHubClient } from './client.js';

export type GitHubActionsSpec = z.infer<typeof githubActionsSpec>;

export interface DispatchedRun {
  runId: number;
  htmlUrl?: string;
}

export interface DispatchOptions {
  requestTimeoutMs: number;
  /** How often, and how long apart, the run list is read when the dispatch returned no run id. */
  findAttempts: number;
  findIntervalMs: number;
  now: () => Date;
  /** Run ids other jobs already claimed, so two dispatches close together never share a run. */
  claimed: ReadonlySet<number>;
  signal: AbortSignal;
}

/** What the workflow receives: the spec's inputs and the job's args, then ours, which always win. */
export function workflowInputs(job: EngineJob, spec: GitHubActionsSpec): Record<string, string> {
  return { ...spec.inputs, ...job.args, service: job.service, env: job.env, version: job.version, deploy_id: job.id };
}

/**
 * Dispatches the workflow and finds its run: from the answer when GitHub returns run details,
 * else by listing the workflow's recent workflow_dispatch runs. Undefined when no run turned up.
 * Throws Octokit's error when GitHub refuses the dispatch (404 workflow, 422 inputs).
 */
export async function dispatchWorkflow(client: GitHubClient, job: EngineJob, spec: GitHubActionsSpec, options: DispatchOptions): Promise<DispatchedRun | undefined> {
  // GitHub's created filter has second precision; a little slack covers clock differences.
  const since = new Date(options.now().getTime() - 2_000);
  const answer = await client.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
    owner: spec.owner,
    repo: spec.repo,
    workflow_id: spec.workflow,
    ref: spec.ref,
    inputs: workflowInputs(job, spec),
    return_run_details: true,
    request: { signal: withTimeout(options.signal, options.requestTimeoutMs) },
  });
  const data: unknown = answer.data;
  if (data && typeof data === 'object' && 'workflow_run_id' in data && typeof data.workflow_run_id === 'number') {
    const htmlUrl = 'html_url' in data && typeof data.html_url === 'string' ? data.html_url : undefined;
    return { runId: data.workflow_run_id, ...(htmlUrl ? { htmlUrl } : {}) };
  }
  return findDispatchedRun(client, job, spec, since, options);
}

async function findDispatchedRun(client: GitHubClient, job: EngineJob, spec: GitHubActionsSpec, since: Date, options: DispatchOptions): Promise<DispatchedRun | undefined> {
  for (let attempt = 0; attempt < options.findAttempts; attempt++) {
    // A dispatched run takes a moment to appear in the list.
    if (attempt > 0 && !(await pause(options.findIntervalMs, options.signal))) return undefined;
    const { data } = await client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      owner: spec.owner,
      repo: spec.repo,
      workflow_id: spec.workflow,
      event: 'workflow_dispatch',
      created: `>=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      per_page: 30,
      request: { signal: withTimeout(options.signal, options.requestTimeoutMs) },
    });
    const found = pickRun(data.workflow_runs, job.id, since, options.claimed);
    if (found) return { runId: Number(found.id), htmlUrl: found.html_url };
  }
  return undefined;
}

interface ListedRun {
  id: number | bigint;
  event: string;
  created_at: string;
  html_url: string;
  display_title?: string;
  name?: string | null;
}

/**
 * The run this dispatch made: a run whose title names the deployment id (workflows that set
 * `run-name` with it) wins; otherwise the earliest unclaimed dispatch run created since.
 */
export function pickRun(runs: readonly ListedRun[], deployId: string, since: Date, claimed: ReadonlySet<number>): ListedRun | undefined {
  const candidates = runs
    .filter((r) => r.event === 'workflow_dispatch' && !claimed.has(Number(r.id)) && Date.parse(r.created_at) >= since.getTime())
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  const named = candidates.find((r) => titleNames(r.display_title, deployId) || titleNames(r.name ?? undefined, deployId));
  return named ?? candidates[0];
}

function titleNames(title: string | undefined, deployId: string): boolean {
  return title !== undefined && new RegExp(`(^|[^\\w-])${deployId.replace(/[^\w-]/g, '')}($|[^\\w-])`).test(title);
}
