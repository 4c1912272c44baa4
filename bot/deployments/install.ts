import type { AppContext } from '../app-context.js';
import { expiryHandler } from './expire.js';
import { freezeEndHandler, freezeStartHandler } from './freeze-commands.js';
import { EXPIRE_JOB, FREEZE_END_JOB, FREEZE_START_JOB } from './keys.js';
import { reconcileDeployments } from './reconcile.js';

/** Job handlers, before the scheduler starts; call `reconcileDeployments` once everything is up. */
export function installDeployments(app: Pick<AppContext, 'ops'>): void {
  app.ops.scheduler.on(EXPIRE_JOB, expiryHandler(app.ops));
  app.ops.scheduler.on(FREEZE_END_JOB, freezeEndHandler(app.ops));
  app.ops.scheduler.on(FREEZE_START_JOB, freezeStartHandler(app.ops));
}

export { reconcileDeployments };
