import type { LiveReading, LiveSource, LiveTarget } from '../../../bot/drift/live-source.js';
import { githubActionsSpec } from '../engine-config.js';
import { createGitHubClient } from './client.js';
import { gitHubMessage } from './errors.js';

/** How many of an environment's newest deployments are looked through for the live one. */
const LOOK_BACK = 10;

/**
 * Reads the latest successful GitHub deployment of an environment: what runs there as GitHub
 * knows it. dayops's own deployments carry `payload.dayops` (DEP-n).
 */
export class GitHubLiveSource implements LiveSource {
  readonly type = 'github-actions';
  readonly label = 'GitHub';

  constructor(private readonly token: string) {}

  async read(target: LiveTarget, signal: AbortSignal): Promise<LiveReading> {
    const spec = githubActionsSpec.parse(target.spec);
    const client = createGitHubClient(this.token, spec.apiUrl);
    const repo = { owner: spec.owner, repo: spec.repo };
    try {
      const { data: deployments } = await client.request('GET /repos/{owner}/{repo}/deployments', { ...repo, environment: target.env, per_page: LOOK_BACK, request: { signal } });
      for (const d of deployments) {
        const { data: statuses } = await client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { ...repo, deployment_id: Number(d.id), per_page: 1, request: { signal } });
        if (statuses[0]?.state !== 'success') continue;
        const payload = typeof d.payload === 'object' && d.payload !== null ? (d.payload as Record<string, unknown>) : {};
        const deployId = typeof payload.dayops === 'string' ? payload.dayops : undefined;
        return {
          kind: 'live',
          revision: d.ref,
          aliases: d.sha && d.sha !== d.ref ? [d.sha] : [],
          outOfSync: false,
          ...(deployId ? { deployId } : {}),
          ...(d.creator?.login ? { by: d.creator.login } : {}),
          at: d.created_at,
          ...(statuses[0].environment_url ? { url: statuses[0].environment_url } : {}),
        };
      }
      return { kind: 'unknown', reason: `GitHub lists no successful deployment of ${spec.owner}/${spec.repo} to ${target.env} among the last ${LOOK_BACK}` };
    } catch (err) {
      return { kind: 'unknown', reason: `GitHub did not answer: ${gitHubMessage(err)}` };
    }
  }
}
