import { PermanentSendError, RateLimitedError, type ChatSender, type EditRequest, type PostRequest, type PostResult } from '../../bot/chat-sender.js';
import { systemAudit } from '../../bot/deployments/finish.js';
import { note } from '../../bot/deployments/notify.js';
import type { Ops } from '../../bot/ops.js';
import { gitHubMessage, isTransient, statusOf } from '../deploy/github-actions/errors.js';
import type { InstallationClients } from './app-client.js';
import type { GitHubDeploymentsSink } from './deployments-sink.js';
import { readDecision, type GateDecision } from './callback-message.js';

/**
 * The outbox's "platform" for GitHub. Delivers deployment protection rule answers (and hands
 * GitHub Deployments of dayops's own deploys to their sink). The outbox calls it like a chat platform, so an
 * answer is persisted with the change that decided it and retried with backoff across restarts
 * until GitHub takes it, refuses it (recorded) or stops waiting (recorded).
 */
export class GitHubCallbackSender implements ChatSender {
  readonly platform = 'github';

  constructor(
    private readonly ops: Ops,
    private readonly clients: InstallationClients,
    private readonly deployments: GitHubDeploymentsSink,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    if (request.key.startsWith('github-deployment:')) return this.deployments.post(request);
    const decision = readDecision(request.message);
    if (!decision) throw new PermanentSendError(`${request.key} is not a deployment protection rule answer`);
    if (this.ops.clock.now().getTime() > Date.parse(decision.deadline)) {
      await this.record(decision, 'github.callback.late', 'failed', `GitHub stopped waiting for an answer before dayops could send "${decision.state}"; the job failed there on its own.`);
      return { ref: 'late' };
    }
    const client = this.clients.get(decision.installationId);
    // Retried: once the app's credentials are set and dayops restarted, the answer goes out.
    if (!client) throw new Error('GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY are not set, so dayops cannot answer GitHub.');
    try {
      await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule', {
        owner: decision.owner,
        repo: decision.repo,
        run_id: decision.runId,
        environment_name: decision.environment,
        state: decision.state,
        comment: decision.comment.slice(0, 1024),
      });
    } catch (err) {
      if (isTransient(err)) throw retryable(err);
      await this.record(decision, 'github.callback.refused', 'refused', `GitHub refused the "${decision.state}" answer (${statusOf(err)}): ${gitHubMessage(err)}`);
      return { ref: 'refused' };
    }
    await this.record(decision, 'github.callback', 'ok', `Told GitHub: ${decision.state} for ${decision.environment} in run ${decision.runId}.`);
    return { ref: 'sent' };
  }

  /** An answer is given once; a later change to it has nothing to edit at GitHub. A deployment gets a status. */
  async edit(request: EditRequest): Promise<void> {
    if (request.key.startsWith('github-deployment:')) await this.deployments.edit(request);
  }

  /** The outcome goes into the audit log and, when there is one, the deployment's thread. */
  private async record(decision: GateDecision, action: string, outcome: 'ok' | 'refused' | 'failed', text: string): Promise<void> {
    const { ops } = this;
    const target = decision.deployment ?? `${decision.owner}/${decision.repo}#${decision.runId}`;
    await ops.store.transact(async (tx) => {
      tx.audit({ ...systemAudit(ops, action, target, text), outcome });
      const d = decision.deployment ? await tx.get('deployment', decision.deployment) : undefined;
      if (d) await note(ops, tx, d, text);
    });
  }
}

/** A rate limit waits as long as GitHub says; anything else transient backs off. */
function retryable(err: unknown): Error {
  const status = statusOf(err);
  const headers = (err as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (status === 429 || status === 403) {
    const reset = Number(headers['x-ratelimit-reset']);
    const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Number.isFinite(reset) && reset > 0 ? Math.max(1000, reset * 1000 - Date.now()) : 60_000;
    return new RateLimitedError(waitMs);
  }
  return new Error(`GitHub did not take the answer${status ? ` (${status})` : ''}: ${gitHubMessage(err)}`);
}
