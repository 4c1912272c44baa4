import type { AppContext } from '../../../bot/app-context.js';
import { installDeploymentRoutes } from './deployments-routes.js';
import { installExternalRoutes } from './external-routes.js';

/** Mounts the pipeline API. The literal /external path is routed apart from /:id by the route table. */
export function installPipelineApi(app: Pick<AppContext, 'ops' | 'http'>): void {
  installDeploymentRoutes(app.http, app.ops);
  installExternalRoutes(app.http, app.ops);
}
