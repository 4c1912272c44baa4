import { REST, type RESTOptions } from 'discord.js';

export interface RestSettings {
  token?: string | undefined;
  /** DISCORD_API_URL: a proxy or a test double instead of https://discord.com/api. */
  apiUrl?: string | undefined;
}

/**
 * REST options every Discord client here uses. The global fetch replaces discord.js's own
 * undici client, which no proxy agent or request interceptor sees; retries are left to the
 * outbox, which owns them.
 */
export function restOptions(settings: RestSettings, rejectRateLimits: boolean): Partial<RESTOptions> {
  return {
    version: '10',
    ...(settings.apiUrl ? { api: settings.apiUrl.replace(/\/+$/, '') } : {}),
    makeRequest: globalThis.fetch as unknown as RESTOptions['makeRequest'],
    retries: 0,
    // The outbox waits out a 429 itself (and keeps other channels going); interaction answers may just wait.
    ...(rejectRateLimits ? { rejectOnRateLimit: () => true } : {}),
  };
}

export function createRest(settings: RestSettings, rejectRateLimits: boolean): REST {
  const rest = new REST(restOptions(settings, rejectRateLimits));
  if (settings.token) rest.setToken(settings.token);
  return rest;
}
