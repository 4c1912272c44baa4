import { webApi } from '@slack/bolt';
import { PermanentSendError, RateLimitedError } from '../../../bot/chat-sender.js';

/** Slack's `ok:false` codes that mean "slow down"; they may come without a Retry-After. */
const RATE_LIMIT_CODES = new Set(['ratelimited', 'message_limit_exceeded']);

/** Codes where sending the same request again can never succeed. */
const PERMANENT_CODES = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
]);

/** When Slack says "rate limited" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * Turns a Web API failure into what the outbox understands: wait (RateLimitedError), give up
 * (PermanentSendError), or anything else, which the outbox retries with backoff.
 */
export function toSendError(err: unknown, method: string): Error {
  if (err instanceof webApi.WebAPIRateLimitedError) return new RateLimitedError(err.retryAfter * 1000, `${method}: HTTP 429, retry after ${err.retryAfter} s`);
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (RATE_LIMIT_CODES.has(code)) return new RateLimitedError(retryAfterMs(err.data), `${method}: ${code}`);
    if (PERMANENT_CODES.has(code)) return new PermanentSendError(`${method}: ${code}`);
    return new Error(`${method}: ${code}`);
  }
  if (err instanceof webApi.WebAPIHTTPError) return new Error(`${method}: HTTP ${err.statusCode}`);
  if (err instanceof webApi.WebAPIRequestError) return new Error(`${method}: ${err.original.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

function retryAfterMs(data: { response_metadata?: { retryAfter?: number } }): number {
  const seconds = data.response_metadata?.retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}
