import { createHmac } from 'node:crypto';
import { PermanentSendError, RateLimitedError, type ChatSender, type PostRequest, type PostResult } from '../../bot/chat-sender.js';
import type { Clock } from '../../bot/clock.js';
import type { WebhookOutletConfig } from '../../bot/oncall/config-schema.js';
import { pagePayload } from './page-payload.js';

export const SIGNATURE_HEADER = 'x-dayops-signature';
export const TIMESTAMP_HEADER = 'x-dayops-timestamp';

/** `v1=` HMAC-SHA256 over `<timestamp>.<body>` with the outlet's secret, hex: what a receiver recomputes. */
export function pageSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookSenderOptions {
  /** The outlet a channel id (`person.alice`, `policy.critical`) names. */
  outlet(id: string): WebhookOutletConfig | undefined;
  secret(variable: string): string | undefined;
  clock: Clock;
  timeoutMs?: number;
}

/** Pages as signed JSON POSTs (`webhook:` channels), for SMS and phone bridges. Pages are never edited. */
export class WebhookPageSender implements ChatSender {
  readonly platform = 'webhook';

  constructor(private readonly options: WebhookSenderOptions) {}

  async post(request: PostRequest): Promise<PostResult> {
    const outlet = this.options.outlet(request.channelId);
    if (!outlet) throw new PermanentSendError(`no webhook outlet ${request.channelId} in oncall`);
    const secret = this.options.secret(outlet.secretEnv);
    if (!secret) throw new PermanentSendError(`${outlet.secretEnv} is not set; the page to ${request.channelId} cannot be signed`);
    const body = JSON.stringify(pagePayload(request));
    const timestamp = String(Math.floor(this.options.clock.now().getTime() / 1000));
    const res = await fetch(outlet.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: pageSignature(secret, timestamp, body), 'idempotency-key': request.dedupeKey },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 429) throw new RateLimitedError(1000 * (Number(res.headers.get('retry-after')) || 30));
    if (res.status >= 400 && res.status < 500) throw new PermanentSendError(`the paging webhook ${outlet.url} refused the page with ${res.status}`);
    if (!res.ok) throw new Error(`the paging webhook ${outlet.url} answered ${res.status}`);
    return { ref: request.dedupeKey };
  }

  async edit(): Promise<void> {}
}
