import type { Config } from '../../bot/config/schema.js';
import { generateToken } from './auth.js';

export type WebhookMode = 'shell' | 'service';

export interface WebhookAuth {
  /** Undefined only as a service with no token configured: then every request is refused. */
  token?: string;
  /** True when dayops made the token up at start (shell demo without DAYOPS_WEBHOOK_TOKEN). */
  generated: boolean;
}

/** The shell runs when no chat platform is configured (docs: "Defaults that make it run anywhere"). */
export function modeOf(config: Config): WebhookMode {
  return Object.keys(config.secrets.chat).length > 0 ? 'service' : 'shell';
}

/**
 * A service never accepts anonymous alerts; a local shell demo gets a fresh token so a curl can
 * be pasted at once.
 */
export function resolveWebhookAuth(config: Config, mode: WebhookMode): WebhookAuth {
  if (config.secrets.webhookToken) return { token: config.secrets.webhookToken, generated: false };
  if (mode === 'shell') return { token: generateToken(), generated: true };
  return { generated: false };
}

export const NO_TOKEN_REASON =
  'No webhook token is configured (set DAYOPS_WEBHOOK_TOKEN or DAYOPS_WEBHOOK_TOKEN_FILE), so every alert webhook refuses every request rather than accept anonymous alerts.';

/** A ready-to-paste command that fires one generic alert at a running bot. */
export function curlExample(baseUrl: string, token: string): string {
  const body = JSON.stringify({ title: 'DiskAlmostFull', labels: { service: 'api', env: 'production', severity: 'critical' }, description: 'disk 93% full' });
  return `curl -sS -X POST ${baseUrl}/webhooks/generic -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '${body}'`;
}
