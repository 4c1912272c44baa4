import { isUserError, type UserErrorCode } from '../../../bot/errors.js';
import { StoreUnavailableError } from '../../../data/store-errors.js';
import { isStoreOutage } from '../../../bot/store-outage.js';
import type { HttpResponse } from '../types.js';

/** A refusal in the server's error shape: `{ "error": "forbidden", "message": "…" }`. */
export interface ApiRefusal extends HttpResponse {
  refused: true;
}

export function apiError(status: number, error: string, message: string, headers?: Record<string, string>): ApiRefusal {
  return { refused: true, status, body: { error, message }, ...(headers ? { headers } : {}) };
}

export function isRefusal(value: unknown): value is ApiRefusal {
  return typeof value === 'object' && value !== null && (value as { refused?: unknown }).refused === true;
}

const STATUS_OF: Record<UserErrorCode, number> = {
  bad_input: 400,
  unknown_command: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  illegal_transition: 409,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

/** A UserError from the deployments feature becomes its HTTP refusal; anything else is a bug and is thrown on. */
export function userErrorResponse(err: unknown): ApiRefusal {
  if (err instanceof StoreUnavailableError) return apiError(503, 'unavailable', err.message, { 'retry-after': '30' });
  if (isStoreOutage(err)) return apiError(503, 'unavailable', 'dayops cannot reach its database right now; nothing was changed.', { 'retry-after': '10' });
  if (!isUserError(err)) throw err;
  return apiError(STATUS_OF[err.code], err.code, err.message);
}

/** Parses a JSON body; a refusal says what is wrong with it. */
export function jsonBody(raw: Buffer): unknown | ApiRefusal {
  if (raw.length === 0) return apiError(400, 'bad_input', 'Send a JSON body.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return apiError(400, 'bad_input', 'The body is not valid JSON.');
  }
}
