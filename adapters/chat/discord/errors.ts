import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentSendError, RateLimitedError, type Undeliverable } from '../../../bot/chat-sender.js';

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
    if (err.status >= 400 && err.status < 500) return new PermanentSendError(`${what}: HTTP ${err.status} (${err.code}) ${err.message}`, undeliverable(err));
    return new Error(`${what}: HTTP ${err.status} ${err.message}`);
  }
  if (err instanceof HTTPError) return new Error(`${what}: HTTP ${err.status}`);
  return err instanceof Error ? err : new Error(String(err));
}

const PERMISSIONS = 'View Channel, Send Messages, Embed Links, Read Message History, Create Public Threads and Send Messages in Threads';

/** Discord's JSON error codes that a person can fix, and how. */
const FIXES: Record<number, string> = {
  10003: 'The channel does not exist (or was deleted): check the channel id in the configuration.',
  10008: 'The message was deleted in Discord, so it cannot be updated.',
  50001: `The bot cannot see the channel: give the dayops role ${PERMISSIONS} there (channel settings → Permissions).`,
  50013: `The bot lacks a permission in the channel: give the dayops role ${PERMISSIONS} there.`,
  50007: 'The person does not accept direct messages from the bot (Privacy Settings → Direct Messages).',
  50035: 'Discord refused the message’s shape; please report it as a dayops bug.',
  50083: 'The thread is archived: unarchive it to let dayops post there.',
};

function undeliverable(err: DiscordAPIError): Undeliverable {
  const code = typeof err.code === 'number' ? err.code : Number(err.code);
  const fix = FIXES[code] ?? (err.status === 401 ? 'Discord does not accept DISCORD_TOKEN: reset the token on the Bot page and set it again.' : 'See the dayops log for Discord’s answer.');
  return { reason: code > 0 ? String(code) : `HTTP ${err.status}`, fix };
}

/** Discord's code for "a thread has already been created for this message". */
export const THREAD_ALREADY_EXISTS = 160004;

export function isApiError(err: unknown, code: number): boolean {
  return err instanceof DiscordAPIError && err.code === code;
}
