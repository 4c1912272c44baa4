import { z } from 'zod';
import { getDeployment } from '../../../bot/deployments/find.js';
import { requestDeployment } from '../../../bot/deployments/request.js';
import type { Ops } from '../../../bot/ops.js';
import type { DeploymentRecord } from '../../../data/records/deployment.js';
import type { HttpServer } from '../server.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { apiTokenPrecheck, authenticate, checkScope } from './auth.js';
import { handleWrite } from './write-route.js';
import { isRefusal, userErrorResponse } from './respond.js';

export const deployRequestBody = z
  .object({
    service: z.string().min(1).max(100),
    version: z.string().min(1).max(128),
    env: z.string().min(1).max(100),
    /** The person the pipeline acts for (a dayops person name, or a CI login). */
    requester: z.string().min(1).max(100),
    reason: z.string().max(500).optional(),
    commitSha: z.string().regex(/^[0-9a-f]{7,64}$/i, { message: 'must be a hex commit hash' }).optional(),
    commitTime: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** POST /api/deployments and GET /api/deployments/:id. */
export function installDeploymentRoutes(http: Pick<HttpServer, 'route'>, ops: Ops): void {
  const precheck = apiTokenPrecheck(ops);
  http.route('POST', '/api/deployments', (req) => requestRoute(ops, req), { precheck });
  http.route('GET', '/api/deployments/:id', (req) => readRoute(ops, req), { precheck });
}

function requestRoute(ops: Ops, req: HttpRequest): Promise<HttpResponse> {
  return handleWrite(ops, req, {
    action: 'deployment.request',
    schema: deployRequestBody,
    permission: 'request',
    async run(tx, body, actor, channel) {
      const d = await requestDeployment(ops, tx, { ...body, place: { channel } }, actor);
      return { status: 201, body: { id: d.id, state: d.state, approvalsRequired: d.approvalsRequired } };
    },
  });
}

async function readRoute(ops: Ops, req: HttpRequest): Promise<HttpResponse> {
  const client = authenticate(req, ops.config.api.tokens, ops.config.secrets.apiTokens ?? {});
  if (isRefusal(client)) return client;
  const permitted = checkScope(client, 'read');
  if (permitted) return permitted;
  let d: DeploymentRecord;
  try {
    d = await ops.store.read((tx) => getDeployment(tx, req.params.id ?? ''));
  } catch (err) {
    return userErrorResponse(err);
  }
  const refusal = checkScope(client, 'read', d);
  if (refusal) return refusal;
  return { status: 200, body: deploymentView(d) };
}

/** What a pipeline sees of a deployment: enough to wait for approval and the outcome. */
export function deploymentView(d: DeploymentRecord): Record<string, unknown> {
  return {
    id: d.id,
    service: d.service,
    env: d.env,
    version: d.version,
    state: d.state,
    approvals: d.approvals.map((a) => ({ by: a.person ?? a.displayName, at: a.at })),
    approvalsRequired: d.approvalsRequired,
    ...((d.runUrl ?? d.engine?.url) ? { url: d.runUrl ?? d.engine?.url } : {}),
    ...(d.result ? { result: d.result } : {}),
    ...(d.expiresAt ? { expiresAt: d.expiresAt } : {}),
    ...(d.external ? { external: true } : {}),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
  };
}
