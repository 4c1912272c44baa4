import type { AppContext } from '../../bot/app-context.js';
import { IngestQueue } from '../../bot/alerts/ingest-queue.js';
import type { Ops } from '../../bot/ops.js';
import { curlExample, modeOf, NO_TOKEN_REASON, resolveWebhookAuth, type WebhookAuth, type WebhookMode } from './webhook-auth.js';
import { alertTokenRefusal, alertWebhookHandler, type WebhookSource } from './webhook-handler.js';

const SOURCES: WebhookSource[] = ['alertmanager', 'grafana', 'generic'];

const installed = new WeakMap<Ops, WebhookAuth>();

export interface InstallAlertWebhooksOptions {
  /** Defaults to `shell` when neither Slack nor Discord is configured. */
  mode?: WebhookMode;
}

/** Mounts POST /webhooks/alertmanager, /webhooks/grafana and /webhooks/generic on the core server. */
export function installAlertWebhooks(app: Pick<AppContext, 'ops' | 'http'>, options: InstallAlertWebhooksOptions = {}): WebhookAuth {
  const { ops, http } = app;
  const auth = resolveWebhookAuth(ops.config, options.mode ?? modeOf(ops.config));
  if (!auth.token) ops.log.warn(NO_TOKEN_REASON);
  const queue = new IngestQueue(ops);
  for (const source of SOURCES) {
    http.route('POST', `/webhooks/${source}`, alertWebhookHandler(ops, auth, source, queue), { precheck: (req) => alertTokenRefusal(ops, auth, source, req) });
  }
  installed.set(ops, auth);
  return auth;
}

/**
 * For the shell's start-up banner: the token to send and a curl to paste, once the server has
 * its address. Undefined when the webhooks are not installed or refuse everything.
 */
export function alertWebhookHint(app: Pick<AppContext, 'ops'>, baseUrl: string): { token: string; generated: boolean; curl: string } | undefined {
  const auth = installed.get(app.ops);
  if (!auth?.token) return undefined;
  return { token: auth.token, generated: auth.generated, curl: curlExample(baseUrl, auth.token) };
}
