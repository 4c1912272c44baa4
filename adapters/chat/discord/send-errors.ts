import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentSendError, RateLimitedError } from '../../../bot/chat-sender.js';

/** When Discord says "rate limited" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * Turns a REST failure into what the outbox understands: wait (RateLimitedError), give up
 * (PermanentSendError: unknown channel or message, missing access, a payload Discord refuses),
 * or anything else — 5xx, network — which the outbox retries with backoff.
 */
export function toSendError(err: unknown, what: string): Error {
  if (err instanceof RateLimitError) {
    const ms = err.retryAfter > 0 ? err.retryAfter : DEFAULT_RETRY_AFTER_MS;
    return new RateLimitedError(ms, `${what}: HTTP 429, retry after ${ms} ms`);
  }
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) return new RateLimitedError(DEFAULT_RETRY_AFTER_MS, `${what}: HTTP 429`);
    if (err.status >= 400 && err.status < 500) return new PermanentSendError(`${what}: HTTP ${err.status} (${err.code}) ${err.message}`);
    return new Error(`${what}: HTTP ${err.status} ${err.message}`);
  }
  if (err instanceof HTTPError) return new Error(`${what}: HTTP ${err.status}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Discord's code for "a thread has already been created for this message". */
export const THREAD_ALREADY_EXISTS = 160004;

export function isApiError(err: unknown, code: number): boolean {
  return err instanceof DiscordAPIError && err.code === code;
}
