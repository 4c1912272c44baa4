import type { AppContext } from '../app-context.js';
import { alertJobHandlers } from './jobs.js';
import { scheduleReconcile } from './reconcile.js';

/**
 * Start-up wiring for alerts: the scheduled jobs (re-notify, silence and maintenance ends, and
 * reconciliation when there is an alert backend). The webhooks are adapters/alerts/install.ts's,
 * mounted by bin/; commands and buttons are in commands/index.ts.
 */
export function installAlerts(app: Pick<AppContext, 'ops'>): void {
  const { ops } = app;
  for (const [type, handler] of Object.entries(alertJobHandlers(ops))) ops.scheduler.on(type, handler);
  if (ops.alertBackend) {
    ops.store.transact((tx) => scheduleReconcile(ops, tx)).catch((err: unknown) => ops.log.error({ err }, 'could not schedule reconciliation with the alert backend'));
  }
}
