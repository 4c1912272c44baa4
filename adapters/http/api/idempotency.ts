import { createHash } from 'node:crypto';
import type { Tx } from '../../../data/store.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { apiError } from './respond.js';

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The idempotency record id of a request: per token, so two pipelines never share keys. */
export function idempotencyId(req: HttpRequest, tokenName: string): string | undefined {
  const key = req.headers['idempotency-key'];
  if (!key) return undefined;
  return `api:${tokenName}:${req.method} ${req.path}:${key.slice(0, 200)}`;
}

/**
 * Inside the transaction that makes the change: the stored answer when the key was used before
 * (422 when it was used for a different body), else undefined and the caller goes on.
 */
export async function replayed(tx: Tx, id: string | undefined, req: HttpRequest): Promise<HttpResponse | undefined> {
  if (!id) return undefined;
  const seen = await tx.get('idempotency', id);
  if (!seen) return undefined;
  const answer = seen.reply as StoredAnswer;
  if (answer.fingerprint !== fingerprint(req)) {
    return apiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key.');
  }
  return { status: answer.status, headers: { 'idempotent-replayed': 'true' }, body: answer.body as object };
}

/** Records the answer in the same transaction as the change, so a retry can never apply it twice. */
export async function remember(tx: Tx, id: string | undefined, req: HttpRequest, at: Date, response: { status: number; body: unknown }): Promise<void> {
  if (!id) return;
  const reply: StoredAnswer = { fingerprint: fingerprint(req), status: response.status, body: response.body };
  await tx.put('idempotency', { id, at: at.toISOString(), reply }, { closed: true });
}

function fingerprint(req: HttpRequest): string {
  return createHash('sha256').update(req.rawBody).digest('hex');
}
