import { installAlertWebhooks, type InstallAlertWebhooksOptions } from '../../adapters/alerts/install.js';
import type { WebhookAuth } from '../../adapters/alerts/webhook-auth.js';
import type { AppContext } from '../app-context.js';
import { alertJobHandlers } from './jobs.js';

/**
 * Start-up wiring for alerts: the webhooks on the HTTP server and the scheduled jobs (re-notify,
 * silence and maintenance ends, reconciliation). Commands and buttons are in commands/index.ts.
 */
export function installAlerts(app: Pick<AppContext, 'ops' | 'http'>, options: InstallAlertWebhooksOptions = {}): WebhookAuth {
  for (const [type, handler] of Object.entries(alertJobHandlers(app.ops))) app.ops.scheduler.on(type, handler);
  return installAlertWebhooks(app, options);
}
