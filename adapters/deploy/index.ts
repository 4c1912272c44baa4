import type { AppContext } from '../../bot/app-context.js';
import type { Ops } from '../../bot/ops.js';
import { ArgocdEngine } from './argocd/engine.js';
import { GitHubActionsEngine } from './github-actions/engine.js';
import { WebhookEngine, type WebhookEngineOptions } from './webhook/engine.js';
import { installWebhookCallbacks } from './webhook/routes.js';

export interface RemoteEngines {
  webhook: WebhookEngine;
  'github-actions': GitHubActionsEngine;
  argocd: ArgocdEngine;
}

/**
 * The engines that deploy somewhere else, built from config secrets. All three exist even when
 * their secrets are missing: a run on one then fails at once with the variable to set.
 */
export function createRemoteEngines(ops: Pick<Ops, 'config' | 'clock' | 'log'>, replicas: Pick<WebhookEngineOptions, 'adopt' | 'claimOnce'> = {}): RemoteEngines {
  const { config, clock, log } = ops;
  const now = () => clock.now();
  return {
    webhook: new WebhookEngine({ publicUrl: config.publicUrl ?? `http://${config.http.host}:${config.http.port}`, secrets: config.secrets.engineSecrets ?? {}, log, now, ...replicas }),
    'github-actions': new GitHubActionsEngine({ token: config.secrets.githubToken, log, now }),
    argocd: new ArgocdEngine({ connection: config.secrets.argocd, log, now }),
  };
}

/** Registers the remote engines on `ops.engines` and mounts the webhook callback route. */
export function installRemoteEngines(app: Pick<AppContext, 'ops' | 'http'>): RemoteEngines {
  const { ops } = app;
  const engines = createRemoteEngines(ops, {
    // Replicas share the store: a callback for a run another replica follows is handled here.
    adopt: ops.store.claim ? (id) => ops.deployRunner.adoptCallback(ops, id) : undefined,
    claimOnce: ops.store.claim ? (signature) => claimCallbackOnce(ops, signature) : undefined,
  });
  for (const engine of Object.values(engines)) app.ops.engines.register(engine);
  installWebhookCallbacks(app.http, engines.webhook, app.ops);
  return engines;
}

/** Stops following remote runs (shutdown); they go on remotely and are followed after a restart. */
export function closeRemoteEngines(engines: RemoteEngines): void {
  for (const engine of Object.values(engines)) engine.close();
}

/** A callback signature recorded once in the shared store, so a redelivery to any replica is applied once. */
async function claimCallbackOnce(ops: Ops, signature: string): Promise<boolean> {
  const key = `deploy-callback:${signature}`;
  return ops.store.transact(async (tx) => {
    if (await tx.get('idempotency', key)) return false;
    await tx.put('idempotency', { id: key, at: ops.clock.now().toISOString() });
    return true;
  });
}
