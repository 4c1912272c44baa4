import { webApi } from '@slack/bolt';
import { PermanentSendError, RateLimitedError, type Undeliverable } from '../../../bot/chat-sender.js';

/** Slack's `ok:false` codes that mean "slow down"; they may come without a Retry-After. */
const RATE_LIMIT_CODES = new Set(['ratelimited', 'message_limit_exceeded']);

const REINSTALL = 'Reinstall the app from a fresh `dayops slack-manifest` and set SLACK_BOT_TOKEN to the new token.';

/** Codes where sending the same request again can never succeed, with what a person does about each. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'The channel does not exist or the bot cannot see it: check the channel id in the configuration, or invite the bot (/invite @dayops) if the channel is private.',
  not_in_channel: 'Invite the bot to the channel: /invite @dayops.',
  is_archived: 'The channel is archived: unarchive it, or point the configuration at another channel.',
  message_not_found: 'The message was deleted in Slack, so it cannot be updated.',
  cant_update_message: 'The message cannot be updated any more.',
  edit_window_closed: 'The message is too old to be updated.',
  invalid_auth: `Slack does not accept the bot token. ${REINSTALL}`,
  not_authed: `No bot token was sent. ${REINSTALL}`,
  account_inactive: `The bot token belongs to a deleted user or an uninstalled app. ${REINSTALL}`,
  token_revoked: `The bot token was revoked. ${REINSTALL}`,
  missing_scope: `The app lacks a scope dayops needs. ${REINSTALL}`,
  invalid_blocks: 'Slack refused the message even as plain text; please report it as a dayops bug.',
  msg_too_long: 'Slack refused the message even as plain text; please report it as a dayops bug.',
  restricted_action: 'A workspace admin restricts who may post in that channel: allow the dayops app to post there.',
  user_not_found: 'The person is not in this workspace any more.',
};

/** Refusals of the payload itself: sent again once as plain text. */
export const PAYLOAD_CODES = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long']);

/** When Slack says "rate limited" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Slack's error code of a refused call, or undefined for anything else. */
export function slackCode(err: unknown): string | undefined {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
}

/**
 * Turns a Web API failure into what the outbox understands: wait (RateLimitedError), give up
 * (PermanentSendError, saying how to fix it), or anything else, which the outbox retries with backoff.
 */
export function toSendError(err: unknown, method: string, fix?: string): Error {
  if (err instanceof webApi.WebAPIRateLimitedError) return new RateLimitedError(err.retryAfter * 1000, `${method}: HTTP 429, retry after ${err.retryAfter} s`);
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (RATE_LIMIT_CODES.has(code)) return new RateLimitedError(retryAfterMs(err.data), `${method}: ${code}`);
    const known = PERMANENT[code] ?? (code === 'invalid_blocks_format' ? PERMANENT.invalid_blocks : undefined);
    if (known) return new PermanentSendError(`${method}: ${code}`, undeliverable(code, fix ?? known));
    return new Error(`${method}: ${code}`);
  }
  if (err instanceof webApi.WebAPIHTTPError) return new Error(`${method}: HTTP ${err.statusCode}`);
  if (err instanceof webApi.WebAPIRequestError) return new Error(`${method}: ${err.original.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

function undeliverable(reason: string, fix: string): Undeliverable {
  return { reason, fix };
}

function retryAfterMs(data: { response_metadata?: { retryAfter?: number } }): number {
  const seconds = data.response_metadata?.retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}

/** Why joining a channel failed, as the fix for the post that needed it. */
export function joinFix(code: string | undefined): string {
  if (code === 'missing_scope') return 'Invite the bot to the channel (/invite @dayops), or reinstall the app from a fresh `dayops slack-manifest` so it has channels:join.';
  if (code === 'method_not_supported_for_channel_type') return 'The channel is private: invite the bot (/invite @dayops).';
  if (code === 'is_archived') return PERMANENT.is_archived!;
  return PERMANENT.not_in_channel!;
}
