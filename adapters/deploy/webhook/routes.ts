import type { HttpServer } from '../../http/server.js';
import type { WebhookEngine } from './engine.js';

/** Mounts the callback route deploy services report to. */
export function installWebhookCallbacks(http: Pick<HttpServer, 'route'>, engine: WebhookEngine): void {
  http.route('POST', '/api/deployments/:id/events', (req) => engine.handleCallback(req));
}
