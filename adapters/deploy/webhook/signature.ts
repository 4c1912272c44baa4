import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-dayops-signature';
export const TIMESTAMP_HEADER = 'x-dayops-timestamp';
/** Older (or further in the future) signed requests are refused as possible replays. */
export const MAX_SKEW_SECONDS = 300;

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. The timestamp is inside the
 * signed bytes so a captured request cannot be replayed later with a fresh timestamp.
 */
export function sign(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Headers for a request dayops sends, so the receiver can check it came from us. */
export function signedHeaders(secret: string, now: Date, body: string): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, timestamp, body) };
}

export type Verdict = { ok: true; signature: string } | { ok: false; reason: string };

/** Checks a callback's signature and age; the comparison takes the same time whatever matches. */
export function verify(secret: string, headers: Readonly<Record<string, string>>, rawBody: Buffer, now: Date): Verdict {
  const refusal = headerRefusal(headers, now);
  if (refusal) return { ok: false, reason: refusal };
  const signature = headers[SIGNATURE_HEADER]!;
  const timestamp = headers[TIMESTAMP_HEADER]!;
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'The signature does not match.' };
  return { ok: true, signature };
}

/** What is wrong with the signature headers alone (missing, not Unix seconds, too old), checked before the body is read. */
export function headerRefusal(headers: Readonly<Record<string, string>>, now: Date): string | undefined {
  const signature = headers[SIGNATURE_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  if (!signature || !timestamp) return 'The request has no X-Dayops-Signature and X-Dayops-Timestamp headers.';
  if (!/^\d{1,12}$/.test(timestamp)) return 'X-Dayops-Timestamp must be Unix seconds.';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return `X-Dayops-Timestamp is more than ${MAX_SKEW_SECONDS / 60} minutes away from now; the request may be a replay.`;
  }
  return undefined;
}
