import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ops } from '../../../bot/ops.js';
import type { HttpRequest, Precheck } from '../types.js';
import type { ApiPermission, ApiTokenConfig } from './config-schema.js';
import { apiError, isRefusal, type ApiRefusal } from './respond.js';

export interface ApiClient {
  token: ApiTokenConfig;
}

/**
 * The configured token the request's bearer token matches. Every token is compared (digests of
 * equal length, in constant time), so the answer's timing says nothing about which one is close.
 */
export function authenticate(req: HttpRequest, tokens: readonly ApiTokenConfig[], values: Readonly<Record<string, string>>): ApiClient | ApiRefusal {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return apiError(401, 'unauthorized', 'Send an API token as "Authorization: Bearer <token>".', { 'www-authenticate': 'Bearer' });
  const given = digest(match[1] as string);
  let found: ApiTokenConfig | undefined;
  for (const token of tokens) {
    const value = values[token.name];
    if (value !== undefined && timingSafeEqual(given, digest(value)) && !found) found = token;
  }
  if (!found) return apiError(401, 'unauthorized', 'The API token is not valid.', { 'www-authenticate': 'Bearer error="invalid_token"' });
  return { token: found };
}

/** Refuses (403) a token that lacks the permission, or the service or environment. */
export function checkScope(client: ApiClient, permission: ApiPermission, target?: { service: string; env: string }): ApiRefusal | undefined {
  const { token } = client;
  if (!token.permissions.includes(permission)) {
    return apiError(403, 'forbidden', `The token "${token.name}" does not have the ${permission} permission.`);
  }
  if (!target) return undefined;
  if (token.services && !token.services.includes(target.service)) {
    return apiError(403, 'forbidden', `The token "${token.name}" may not act on the service ${target.service}; it covers ${token.services.join(', ') || 'no services'}.`);
  }
  if (token.envs && !token.envs.includes(target.env)) {
    return apiError(403, 'forbidden', `The token "${token.name}" may not act on the environment ${target.env}; it covers ${token.envs.join(', ') || 'no environments'}.`);
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The bearer token checked on headers, so a request without a valid one is refused before its body is read. */
export function apiTokenPrecheck(ops: Pick<Ops, 'config'>): Precheck {
  return (req) => {
    const client = authenticate(req, ops.config.api.tokens, ops.config.secrets.apiTokens ?? {});
    return isRefusal(client) ? client : undefined;
  };
}
