import type { PollFailure } from '../remote/poll-loop.js';

interface HttpishError {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

function httpish(err: unknown): HttpishError | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  return typeof err.status === 'number' ? (err as HttpishError) : undefined;
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  return httpish(err)?.status;
}

/** GitHub's own sentence (`Unexpected inputs provided: ["region"]`), else the error's message. */
export function gitHubMessage(err: unknown): string {
  const e = httpish(err);
  const data = e?.response?.data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * 5xx, 429, a rate-limited 403 and anything without a response (Octokit reports a dropped
 * connection or an abort as status 500) are transient: the run goes on at GitHub regardless.
 */
export function isTransient(err: unknown): boolean {
  const e = httpish(err);
  if (!e) return true;
  if (e.status >= 500 || e.status === 429) return true;
  return e.status === 403 && String(e.response?.headers?.['x-ratelimit-remaining']) === '0';
}

export function classifyGitHubError(err: unknown): PollFailure {
  const status = statusOf(err);
  const prefix = status ? `GitHub answered ${status}` : 'GitHub did not answer';
  return { transient: isTransient(err), message: `${prefix}: ${gitHubMessage(err)}` };
}
