import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Equal-length digests, so neither the content nor the length of the secret leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Alertmanager's http_config sends either `Authorization: Bearer <token>` or basic auth; with
 * basic auth the password carries the token and the user name is ignored.
 */
export function credentialMatches(authorization: string | undefined, token: string): boolean {
  if (!authorization) return false;
  const space = authorization.indexOf(' ');
  if (space < 0) return false;
  const scheme = authorization.slice(0, space).toLowerCase();
  const value = authorization.slice(space + 1).trim();
  if (scheme === 'bearer') return sameSecret(value, token);
  if (scheme !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && sameSecret(decoded.slice(colon + 1), token);
}

/**
 * Grafana signs the body (or `timestamp:body` when a timestamp header is configured) with
 * HMAC-SHA256 and sends the hex digest.
 */
export function grafanaSignatureMatches(rawBody: Buffer, signature: string | undefined, secret: string, timestamp?: string): boolean {
  if (!signature) return false;
  const hmac = createHmac('sha256', secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}:`);
  const expected = hmac.update(rawBody).digest('hex');
  return sameSecret(signature.trim().toLowerCase(), expected);
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}
