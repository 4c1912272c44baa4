import type { PollFailure } from '../remote/poll-loop.js';

/** Argo CD's error body: `{ "error": "…", "code": 7, "message": "…" }` (a gRPC status). */
export class ArgoApiError extends Error {
  override readonly name = 'ArgoApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly grpcCode?: number,
  ) {
    super(message);
  }
}

export interface ArgoConnection {
  url: string;
  token: string;
}

/**
 * One call to Argo CD's REST API with the bearer token; JSON in and out. Throws ArgoApiError for
 * an answer other than 2xx, and fetch's own error when there was no answer.
 */
export async function argoRequest(conn: ArgoConnection, method: string, path: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
  const response = await globalThis.fetch(`${conn.url.replace(/\/$/, '')}${path}`, {
    method,
    headers: { authorization: `Bearer ${conn.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal,
  });
  const text = await response.text();
  const data = parseJson(text);
  if (!response.ok) throw new ArgoApiError(response.status, errorMessage(data, text, response.status), grpcCode(data));
  return data;
}

export function applicationPath(name: string, suffix = ''): string {
  return `/api/v1/applications/${encodeURIComponent(name)}${suffix}`;
}

/** Argo answers 5xx and 429 when it is in trouble; no answer at all is the same. */
export function classifyArgoError(err: unknown): PollFailure {
  if (err instanceof ArgoApiError) {
    return { transient: err.status >= 500 || err.status === 429, message: `Argo CD answered ${err.status}: ${err.message}` };
  }
  return { transient: true, message: `Argo CD did not answer: ${(err as Error).message}` };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorMessage(data: unknown, text: string, status: number): string {
  if (data && typeof data === 'object') {
    const d = data as { message?: unknown; error?: unknown };
    if (typeof d.message === 'string' && d.message) return d.message;
    if (typeof d.error === 'string' && d.error) return d.error;
  }
  return text.trim().slice(0, 200) || `HTTP ${status}`;
}

function grpcCode(data: unknown): number | undefined {
  return data && typeof data === 'object' && typeof (data as { code?: unknown }).code === 'number' ? (data as { code: number }).code : undefined;
}
