import { PermanentSendError, RateLimitedError } from '../../../bot/chat-sender.js';

/** What Mattermost answered when it refused a call. */
export class MattermostApiError extends Error {
  override readonly name = 'MattermostApiError';
  constructor(
    readonly status: number,
    /** Mattermost's error id (`api.context.permissions.app_error`), when it sent one. */
    readonly id: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Mattermost's 429 carries `X-Ratelimit-Reset`: seconds until the limit resets. */
export function retryAfterMs(headers: Headers): number {
  const reset = Number(headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.ceil(reset * 1000) : 1000;
}

const FIXES: Record<number, string> = {
  401: 'Mattermost refuses MATTERMOST_BOT_TOKEN: create a new token for the bot account (Integrations → Bot Accounts) and set it.',
  403: 'The bot may not post there: add the bot account to the channel (and its team), or point the configuration at another channel.',
  404: 'Mattermost knows no such channel or post: check the channel id in the configuration (Channel → View Info).',
};

/**
 * A refusal as the outbox understands it: 429 waits as long as Mattermost says, a refusal that
 * retrying cannot fix is permanent with the fix a person can apply, anything else is retried.
 */
export function toSendError(err: unknown, what: string): unknown {
  if (err instanceof RateLimitedError || !(err instanceof MattermostApiError)) return err;
  const fix = FIXES[err.status];
  if (fix || err.status === 400) {
    const reason = err.id ?? String(err.status);
    return new PermanentSendError(`${what}: Mattermost answered ${err.status} (${reason})`, { reason, fix: fix ?? `Mattermost refused the message: ${err.message}` });
  }
  return err;
}
