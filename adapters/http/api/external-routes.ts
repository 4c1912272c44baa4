import type { Ops } from '../../../bot/ops.js';
import type { HttpServer } from '../server.js';
import { externalDeployBody, recordExternalDeployment } from './record-external.js';
import { apiTokenPrecheck } from './auth.js';
import { handleWrite } from './write-route.js';

/** POST /api/deployments/external: a deployment dayops did not run, recorded for history and DORA. */
export function installExternalRoutes(http: Pick<HttpServer, 'route'>, ops: Ops): void {
  http.route('POST', '/api/deployments/external', (req) =>
    handleWrite(ops, req, {
      action: 'deployment.record',
      schema: externalDeployBody,
      permission: 'record-external',
      async run(tx, body, actor, channel) {
        const d = await recordExternalDeployment(ops, tx, body, actor, channel);
        return { status: 201, body: { id: d.id, state: d.state } };
      },
    }),
    { precheck: apiTokenPrecheck(ops) },
  );
}
