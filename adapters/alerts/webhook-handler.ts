import type { Ops } from '../../bot/ops.js';
import { recordRefusal } from '../../bot/refusal-audit.js';
import type { IngestQueue } from '../../bot/alerts/ingest-queue.js';
import type { HttpRequest, HttpResponse } from '../http/server.js';
import { credentialMatches, grafanaSignatureMatches } from './auth.js';
import { parseAlertmanager } from './alertmanager.js';
import { parseGeneric } from './generic.js';
import { parseGrafana } from './grafana.js';
import type { AlertBatch, AlertSource } from './neutral.js';
import type { ParseResult } from './parse-result.js';
import { NO_TOKEN_REASON, type WebhookAuth } from './webhook-auth.js';

/** Sources that post to a webhook; drift findings are raised by dayops itself. */
export type WebhookSource = Exclude<AlertSource, 'drift'>;

const PARSERS: Record<WebhookSource, (body: unknown, now: Date) => ParseResult<AlertBatch>> = {
  alertmanager: parseAlertmanager,
  grafana: parseGrafana,
  generic: parseGeneric,
};

const unauthorized = (message: string): HttpResponse => ({
  status: 401,
  headers: { 'www-authenticate': 'Bearer realm="dayops alerts"' },
  body: { error: 'unauthorized', message },
});

/** One source's endpoint: check the credential, parse, store; 200 only once the alerts are on disk. */
export function alertWebhookHandler(ops: Ops, auth: WebhookAuth, source: WebhookSource, queue: IngestQueue) {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const refusal = refuse(ops, auth, source, req);
    if (refusal) return refusal;
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return refused(ops, source, ['(body): is not valid JSON']);
    }
    const parsed = PARSERS[source](body, ops.clock.now());
    if (!parsed.ok) return refused(ops, source, parsed.reasons);
    const outcomes = await queue.submit(parsed.value);
    return { status: 200, body: { status: 'ok', groups: outcomes.flatMap((o) => (o.group ? [{ id: o.group, changed: o.changed }] : [])) } };
  };
}

/** The token check alone, on headers: run before the body is read (a precheck) and again by the handler. */
export function alertTokenRefusal(ops: Ops, auth: WebhookAuth, source: AlertSource, req: HttpRequest): HttpResponse | undefined {
  if (!auth.token) {
    ops.log.warn({ source, path: req.path }, NO_TOKEN_REASON);
    return unauthorized('This dayops has no webhook token configured, so it accepts no alerts.');
  }
  if (!credentialMatches(req.headers.authorization, auth.token)) {
    ops.log.warn({ source, remoteAddress: req.remoteAddress }, 'refused an alert webhook: missing or wrong credential');
    return unauthorized('Send the webhook token as "Authorization: Bearer <token>" or as the basic-auth password.');
  }
  return undefined;
}

function refuse(ops: Ops, auth: WebhookAuth, source: AlertSource, req: HttpRequest): HttpResponse | undefined {
  const tokenRefusal = alertTokenRefusal(ops, auth, source, req);
  if (tokenRefusal) return tokenRefusal;
  const secret = ops.config.secrets.grafanaSecret;
  if (source === 'grafana' && secret) {
    const tsHeader = ops.config.alerts.grafanaTimestampHeader?.toLowerCase();
    const timestamp = tsHeader ? req.headers[tsHeader] : undefined;
    if (tsHeader && timestamp === undefined) return unauthorized(`The ${tsHeader} header is missing.`);
    if (!grafanaSignatureMatches(req.rawBody, req.headers['x-grafana-alerting-signature'], secret, timestamp)) {
      ops.log.warn({ source, remoteAddress: req.remoteAddress }, 'refused a Grafana webhook: bad or missing HMAC signature');
      return unauthorized('The X-Grafana-Alerting-Signature header is missing or does not match the body.');
    }
  }
  return undefined;
}

/** The caller showed the webhook credential, so what it sent and why it was refused is audited. */
async function refused(ops: Ops, source: AlertSource, reasons: string[]): Promise<HttpResponse> {
  const response = badPayload(source, reasons);
  const reason = `${(response.body as { message: string }).message} ${reasons.slice(0, 5).join('; ')}`;
  await recordRefusal(ops, { actor: { platform: 'webhook', userId: source }, platform: 'webhook', action: 'alerts.ingest', reason, at: ops.clock.now() });
  return response;
}

function badPayload(source: AlertSource, reasons: string[]): HttpResponse {
  return { status: 400, body: { error: 'bad_payload', message: `This is not a ${source} alert payload dayops understands; nothing was stored.`, reasons } };
}
