import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import type { Logger } from '../../../bot/log.js';
import { hasSlackShape, parseSlackBody } from './parse-body.js';
import { verifySlackSignature } from './verify.js';

export interface CoreReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Milliseconds since the epoch, for the signature's time window. */
  now: () => number;
}

const EMPTY_OK: HttpResponse = { status: 200, body: '' };

/**
 * A Bolt receiver on the core's HTTP server: it verifies Slack's signature over the raw bytes,
 * answers url_verification and ssl_check itself, hands everything else to Bolt and answers the
 * HTTP request the moment a listener acknowledges, while the listener runs on.
 */
export class CoreHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: CoreReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** The core's HTTP server is started and stopped by the composition root. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  readonly handle = async (req: HttpRequest): Promise<HttpResponse> => {
    const check = verifySlackSignature(
      this.options.signingSecret,
      { signature: req.headers['x-slack-signature'], timestamp: req.headers['x-slack-request-timestamp'], rawBody: req.rawBody },
      this.options.now(),
    );
    if (!check.ok) {
      this.options.log.warn({ reason: check.reason, remoteAddress: req.remoteAddress }, 'refused a Slack request');
      return { status: 401, body: { error: 'invalid_signature' } };
    }
    const body = parseSlackBody(req.rawBody, req.headers['content-type']);
    if (!body || !hasSlackShape(body)) return { status: 400, body: { error: 'bad_request' } };
    if (body.ssl_check !== undefined) return EMPTY_OK;
    if (body.type === 'url_verification') return { status: 200, body: { challenge: String(body.challenge ?? '') } };
    return this.dispatch(body, req.headers);
  };

  private dispatch(body: Record<string, unknown>, headers: Readonly<Record<string, string>>): Promise<HttpResponse> {
    const app = this.app;
    if (!app) throw new Error('The Slack receiver got a request before Bolt initialised it.');
    return new Promise((resolve) => {
      let acked = false;
      const retryNum = headers['x-slack-retry-num'];
      const event: ReceiverEvent = {
        body,
        ...(retryNum ? { retryNum: Number(retryNum) } : {}),
        ...(headers['x-slack-retry-reason'] ? { retryReason: headers['x-slack-retry-reason'] } : {}),
        ack: async (response?: unknown) => {
          if (acked) return;
          acked = true;
          resolve(ackResponse(response));
        },
      };
      app.processEvent(event).then(
        () => {
          if (!acked) resolve({ status: 404, body: { error: 'no_listener' } });
        },
        (err: unknown) => {
          // Every listener acks first, so a TypeError before the ack is Bolt failing to read a
          // payload of an unexpected shape: a bad request, which a retry would not mend.
          if (!acked && err instanceof TypeError) {
            this.options.log.warn({ err }, 'refused a Slack request Bolt could not read');
            resolve({ status: 400, body: { error: 'bad_request' } });
            return;
          }
          this.options.log.error({ err }, 'Bolt failed to process a Slack request');
          if (!acked) resolve({ status: 500, body: { error: 'internal_error' } });
        },
      );
    });
  }
}

function ackResponse(response: unknown): HttpResponse {
  if (response === undefined || response === null || response === '') return EMPTY_OK;
  return { status: 200, body: typeof response === 'string' ? response : (response as object) };
}
