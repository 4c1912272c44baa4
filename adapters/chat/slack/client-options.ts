import type { webApi } from '@slack/bolt';

/**
 * Web API options every Slack client here uses: the base URL (GovSlack, a proxy, a test double)
 * and no retrying of its own, so the outbox alone owns retries and rate limits.
 */
export function clientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: withTrailingSlash(apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

/** The client appends method names straight onto the base URL. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
