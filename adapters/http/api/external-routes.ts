import type { Ops } from '../../../bot/ops.js';
import type { HttpServer } from '../server.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { apiActor, channelFor } from './api-actor.js';
import { authenticate, checkScope } from './auth.js';
import { describe } from './deployments-routes.js';
import { idempotencyId, remember, replayed } from './idempotency.js';
import { externalDeployBody, recordExternalDeployment } from './record-external.js';
import { apiError, isRefusal, jsonBody, userErrorResponse } from './respond.js';

/** POST /api/deployments/external: a deployment dayops did not run, recorded for history and DORA. */
export function installExternalRoutes(http: Pick<HttpServer, 'route'>, ops: Ops): void {
  http.route('POST', '/api/deployments/external', (req) => recordRoute(ops, req));
}

async function recordRoute(ops: Ops, req: HttpRequest): Promise<HttpResponse> {
  const client = authenticate(req, ops.config.api.tokens, ops.config.secrets.apiTokens ?? {});
  if (isRefusal(client)) return client;
  const raw = jsonBody(req.rawBody);
  if (isRefusal(raw)) return raw;
  const parsed = externalDeployBody.safeParse(raw);
  if (!parsed.success) return apiError(400, 'bad_input', describe(parsed.error));
  const body = parsed.data;
  const refusal = checkScope(client, 'record-external', body);
  if (refusal) return refusal;
  const now = ops.clock.now();
  const actor = apiActor(ops, client, body.requester, now);
  const key = idempotencyId(req, client.token.name);
  try {
    return await ops.store.transact(async (tx) => {
      const earlier = await replayed(tx, key, req);
      if (earlier) return earlier;
      const d = await recordExternalDeployment(ops, tx, body, actor, channelFor(ops, body.service));
      const response = { status: 201, body: { id: d.id, state: d.state } };
      await remember(tx, key, req, now, response);
      return response;
    });
  } catch (err) {
    return userErrorResponse(err);
  }
}
