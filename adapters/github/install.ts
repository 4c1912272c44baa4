import type { AppContext } from '../../bot/app-context.js';
import { InstallationClients } from './app-client.js';
import { GitHubCallbackSender } from './callback-sender.js';
import { GitHubDeploymentsSink } from './deployments-sink.js';
import { githubDeploymentsObserver } from './github-deployments.js';
import { GitHubGateEngine } from './gate-engine.js';
import { gateObserver } from './gate-observer.js';
import { githubWebhookPrecheck, githubWebhookRoute } from './webhook-route.js';

/**
 * dayops as a GitHub App: the webhook route, the engine of gated deployments, the sender that
 * answers protection rules through the outbox, the observer that answers "rejected", and GitHub
 * Deployments for the deploys dayops runs itself.
 */
export function installGitHub(app: Pick<AppContext, 'ops' | 'http'>): GitHubGateEngine {
  const { ops } = app;
  const { appId, privateKey } = ops.config.secrets.githubApp ?? {};
  const clients = new InstallationClients(appId && privateKey ? { appId, privateKey } : undefined, ops.config.github.apiUrl, ops.config.secrets.githubToken);
  const engine = new GitHubGateEngine(ops, clients);
  ops.engines.register(engine);
  ops.outbox.registerSender(new GitHubCallbackSender(ops, clients, new GitHubDeploymentsSink(ops, clients)));
  (ops.deploymentObservers ??= []).push(gateObserver(ops), githubDeploymentsObserver(ops, clients.configured));
  app.http.route('POST', '/webhooks/github', githubWebhookRoute(ops, engine), { precheck: githubWebhookPrecheck(ops) });
  return engine;
}
