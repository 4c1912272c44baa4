import { installAlertWebhooks, type InstallAlertWebhooksOptions } from '../../adapters/alerts/install.js';
import type { WebhookAuth } from '../../adapters/alerts/webhook-auth.js';
import type { AppContext } from '../app-context.js';
import { alertJobHandlers } from './jobs.js';
import { scheduleReconcile } from './reconcile.js';

/**
 * Start-up wiring for alerts: the webhooks on the HTTP server and the scheduled jobs (re-notify,
 * silence and maintenance ends, reconciliation). Commands and buttons are in commands/index.ts.
 */
export function installAlerts(app: Pick<AppContext, 'ops' | 'http'>, options: InstallAlertWebhooksOptions = {}): WebhookAuth {
  const { ops } = app;
  for (const [type, handler] of Object.entries(alertJobHandlers(ops))) ops.scheduler.on(type, handler);
  if (ops.config.secrets.alertmanagerUrl) {
    ops.store.transact((tx) => scheduleReconcile(ops, tx)).catch((err: unknown) => ops.log.error({ err }, 'could not schedule reconciliation with Alertmanager'));
  }
  return installAlertWebhooks(app, options);
}
