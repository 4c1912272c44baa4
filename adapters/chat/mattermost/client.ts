import { RateLimitedError } from '../../../bot/chat-sender.js';
import { MattermostApiError, retryAfterMs } from './errors.js';

/**
 * Mattermost's REST API v4 over fetch, with the bot's token. A 429 becomes RateLimitedError
 * with Mattermost's X-Ratelimit-Reset, so the outbox waits it out like any platform's limit.
 */
export class MattermostClient {
  private readonly base: string;

  constructor(
    serverUrl: string,
    private readonly token: string,
  ) {
    this.base = `${serverUrl.replace(/\/+$/, '')}/api/v4`;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  /** The WebSocket address of the same server. */
  websocketUrl(): string {
    return `${this.base.replace(/^http/, 'ws')}/websocket`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status === 429) throw new RateLimitedError(retryAfterMs(res.headers), `Mattermost rate limit on ${method} ${path}`);
    const text = await res.text();
    if (!res.ok) {
      const answer = parse(text);
      throw new MattermostApiError(res.status, typeof answer?.id === 'string' ? answer.id : undefined, `${method} ${path}: ${typeof answer?.message === 'string' ? answer.message : res.statusText}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
