import type { Clock } from '../../../bot/clock.js';
import { recordRefusal, type RefusalSink } from '../../../bot/refusal-audit.js';
import type { HttpServer } from '../../http/server.js';
import type { WebhookEngine } from './engine.js';

/**
 * Mounts the callback route deploy services report to. A 400 comes only after the signature
 * held, so it is a genuine caller's refused report and goes on the audit log.
 */
export function installWebhookCallbacks(http: Pick<HttpServer, 'route'>, engine: WebhookEngine, ops: RefusalSink & { clock: Pick<Clock, 'now'> }): void {
  http.route('POST', '/api/deployments/:id/events', async (req) => {
    const response = await engine.handleCallback(req);
    if (response.status === 400) {
      const reason = (response.body as { message?: string } | undefined)?.message ?? 'the callback was refused';
      await recordRefusal(ops, { actor: { platform: 'webhook', userId: 'deploy-webhook' }, platform: 'webhook', action: 'deployment.callback', target: req.params.id, reason, at: ops.clock.now() });
    }
    return response;
  }, { precheck: (req) => engine.headerRefusal(req) });
}
