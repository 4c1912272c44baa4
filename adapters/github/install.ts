import type { AppContext } from '../../bot/app-context.js';
import { InstallationClients } from './app-client.js';
import { GitHubCallbackSender } from './callback-sender.js';
import { GitHubGateEngine } from './gate-engine.js';
import { gateObserver } from './gate-observer.js';
import { githubWebhookRoute } from './webhook-route.js';

/**
 * dayops as a GitHub App: the webhook route, the engine of gated deployments, the sender that
 * answers protection rules through the outbox, and the observer that answers "rejected".
 */
export function installGitHub(app: Pick<AppContext, 'ops' | 'http'>): GitHubGateEngine {
  const { ops } = app;
  const { appId, privateKey } = ops.config.secrets.githubApp ?? {};
  const clients = new InstallationClients(appId && privateKey ? { appId, privateKey } : undefined, ops.config.github.apiUrl);
  const engine = new GitHubGateEngine(ops, clients);
  ops.engines.register(engine);
  ops.outbox.registerSender(new GitHubCallbackSender(ops, clients));
  (ops.deploymentObservers ??= []).push(gateObserver(ops));
  app.http.route('POST', '/webhooks/github', githubWebhookRoute(ops, engine));
  return engine;
}
