import { Octokit } from '@octokit/rest';

export type GitHubClient = Octokit;

/** Octokit with our token; fetch is looked up per call so test interceptors (msw) see it. */
export function createGitHubClient(token: string, apiUrl: string | undefined): GitHubClient {
  return new Octokit({
    auth: token,
    ...(apiUrl ? { baseUrl: apiUrl.replace(/\/$/, '') } : {}),
    userAgent: 'dayops',
    request: { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
