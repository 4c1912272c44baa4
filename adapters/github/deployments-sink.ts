import { PermanentSendError, type EditRequest, type PostRequest, type PostResult } from '../../bot/chat-sender.js';
import { note } from '../../bot/deployments/notify.js';
import type { Ops } from '../../bot/ops.js';
import { gitHubMessage, isTransient, statusOf } from '../deploy/github-actions/errors.js';
import type { InstallationClient, InstallationClients } from './app-client.js';
import { readDeploymentUpdate, type GitHubDeploymentUpdate } from './github-deployments.js';

/**
 * GitHub Deployments for the deploys dayops runs. The outbox posts the deployment once (its
 * ref is GitHub's deployment id) and edits it at each state change: each edit is a status.
 */
export class GitHubDeploymentsSink {
  constructor(
    private readonly ops: Ops,
    private readonly clients: InstallationClients,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    const update = this.read(request.message);
    const client = await this.client(update);
    let id: number;
    try {
      const { data } = await client.request('POST /repos/{owner}/{repo}/deployments', {
        owner: update.owner,
        repo: update.repo,
        ref: update.ref,
        environment: update.environment,
        description: update.description,
        auto_merge: false,
        required_contexts: [],
        payload: { dayops: update.deployment },
      });
      if (!('id' in data)) throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no id in its answer'}`);
      id = Number(data.id);
    } catch (err) {
      throw await this.failure(err, update, 'create the GitHub deployment');
    }
    await this.status(client, update, id);
    return { ref: String(id) };
  }

  async edit(request: EditRequest): Promise<void> {
    const update = this.read(request.message);
    await this.status(await this.client(update), update, Number(request.ref));
  }

  private async status(client: InstallationClient, update: GitHubDeploymentUpdate, id: number): Promise<void> {
    try {
      await client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: update.owner,
        repo: update.repo,
        deployment_id: id,
        state: update.state as 'queued',
        description: update.description,
        environment: update.environment,
        ...(update.logUrl ? { log_url: update.logUrl } : {}),
      });
    } catch (err) {
      throw await this.failure(err, update, `set the GitHub deployment ${id} to ${update.state}`);
    }
  }

  private read(message: PostRequest['message']): GitHubDeploymentUpdate {
    const update = readDeploymentUpdate(message);
    if (!update) throw new PermanentSendError('not a GitHub deployment update');
    return update;
  }

  private async client(update: GitHubDeploymentUpdate): Promise<InstallationClient> {
    let client: InstallationClient | undefined;
    try {
      client = await this.clients.forRepository(update.owner, update.repo);
    } catch (err) {
      throw await this.failure(err, update, `find the app's installation on ${update.owner}/${update.repo}`);
    }
    if (!client) throw new PermanentSendError('neither the GitHub App nor GITHUB_TOKEN is configured');
    return client;
  }

  /** Transient: retried by the outbox. Refused (bad ref, no access): said in the deployment's thread, then dropped. */
  private async failure(err: unknown, update: GitHubDeploymentUpdate, doing: string): Promise<Error> {
    if (isTransient(err)) return new Error(`GitHub did not answer when dayops tried to ${doing}: ${gitHubMessage(err)}`);
    const text = `GitHub refused to ${doing} (${statusOf(err) ?? 'error'}): ${gitHubMessage(err)}`;
    await this.ops.store.transact(async (tx) => {
      const d = await tx.get('deployment', update.deployment);
      if (d) await note(this.ops, tx, d, text);
    });
    return new PermanentSendError(text);
  }
}
