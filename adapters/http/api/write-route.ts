import type { z } from 'zod';
import type { DeployActor } from '../../../bot/deployments/actor.js';
import type { Ops } from '../../../bot/ops.js';
import { isRefusal as isPolicyRefusal, recordRefusal } from '../../../bot/refusal-audit.js';
import type { AuditActor, Tx } from '../../../data/store.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { apiActor, channelFor } from './api-actor.js';
import { authenticate, checkScope } from './auth.js';
import type { ApiPermission } from './config-schema.js';
import { idempotencyId, remember, replayed } from './idempotency.js';
import { apiError, isRefusal, jsonBody, userErrorResponse } from './respond.js';

type Body = { service: string; env: string; requester?: string };

export interface WriteRoute<S extends z.ZodType<Body>> {
  /** The audit log's name for what the call does (`deployment.request`). */
  action: string;
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
  const now = ops.clock.now();
  const actor = apiActor(ops, client, body.requester, now);
  const target = `${body.service}@${body.env}`;
  const refusal = checkScope(client, route.permission, body);
  if (refusal) {
    await recordRefusal(ops, { ...refusalBy(actor), action: route.action, target, reason: (refusal.body as { message: string }).message, at: now });
    return refusal;
  }
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
    // A refusal inside the transaction (readiness, one in flight, a freeze) changed nothing; it is audited on its own.
    if (isPolicyRefusal(err)) await recordRefusal(ops, { ...refusalBy(actor), action: route.action, target, reason: err.message, at: now });
    return userErrorResponse(err);
  }
}

function refusalBy(actor: DeployActor): { actor: AuditActor; platform: string } {
  const { actor: who, platform } = actor.audit('', undefined, '');
  return { actor: who, platform };
}

export function describeBodyError(error: z.ZodError): string {
  return `The body is not valid: ${error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`;
}
