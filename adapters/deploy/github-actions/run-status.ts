import type { EngineEvent } from '../../../bot/deployments/engine.js';

/** The fields of a workflow run we read (GET /repos/{owner}/{repo}/actions/runs/{run_id}). */
export interface WorkflowRunView {
  id: number | bigint;
  status: string | null;
  conclusion: string | null;
  html_url: string;
}

/**
 * What a run's status and conclusion mean for the deployment: undefined while it is still going
 * (queued, waiting, in_progress), else the final status.
 */
export function finalStatusOf(run: WorkflowRunView): Extract<EngineEvent, { type: 'status' }> | undefined {
  if (run.status !== 'completed') return undefined;
  const url = run.html_url;
  switch (run.conclusion) {
    case 'success':
      return { type: 'status', status: 'succeeded', message: 'The workflow run succeeded.', url };
    case 'cancelled':
      return { type: 'status', status: 'halted', message: 'The workflow run was cancelled.', url };
    default:
      return { type: 'status', status: 'failed', message: `The workflow run ended with conclusion "${run.conclusion ?? 'none'}".`, url };
  }
}
