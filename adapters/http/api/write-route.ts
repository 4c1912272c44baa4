import type { z } from 'zod';
import type { DeployActor } from '../../../bot/deployments/actor.js';
import type { Ops } from '../../../bot/ops.js';
import type { Tx } from '../../../data/store.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { apiActor, channelFor } from './api-actor.js';
import { authenticate, checkScope } from './auth.js';
import type { ApiPermission } from './config-schema.js';
import { idempotencyId, remember, replayed } from './idempotency.js';
import { apiError, isRefusal, jsonBody, userErrorResponse } from './respond.js';

type Body = { service: string; env: string; requester?: string };

export interface WriteRoute<S extends z.ZodType<Body>> {
  schema: S;
  permission: ApiPermission;
  /** Runs inside the transaction that also records the Idempotency-Key's answer. */
  run(tx: Tx, body: z.output<S>, actor: DeployActor, channel: string): Promise<{ status: number; body: object }>;
}

/**
 * The shape every state-changing pipeline call shares: a scoped bearer token, a validated JSON
 * body, and an Idempotency-Key whose first answer is replayed to a retry.
 */
export async function handleWrite<S extends z.ZodType<Body>>(ops: Ops, req: HttpRequest, route: WriteRoute<S>): Promise<HttpResponse> {
  const client = authenticate(req, ops.config.api.tokens, ops.config.secrets.apiTokens ?? {});
  if (isRefusal(client)) return client;
  const raw = jsonBody(req.rawBody);
  if (isRefusal(raw)) return raw;
  const parsed = route.schema.safeParse(raw);
  if (!parsed.success) return apiError(400, 'bad_input', describeBodyError(parsed.error));
  const body = parsed.data;
  const refusal = checkScope(client, route.permission, body);
  if (refusal) return refusal;
  const now = ops.clock.now();
  const actor = apiActor(ops, client, body.requester, now);
  const key = idempotencyId(req, client.token.name);
  try {
    return await ops.store.transact(async (tx) => {
      const earlier = await replayed(tx, key, req);
      if (earlier) return earlier;
      const response = await route.run(tx, body, actor, channelFor(ops, body.service));
      await remember(tx, key, req, now, response);
      return response;
    });
  } catch (err) {
    return userErrorResponse(err);
  }
}

export function describeBodyError(error: z.ZodError): string {
  return `The body is not valid: ${error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`;
}
