import type { Ops } from './ops.js';
import type { Router } from './router.js';

/**
 * What a feature's `install…(app)` gets at start-up: the phase service and the router. The HTTP
 * adapter adds its server (`http`, adapters/http/server.ts) by declaration merging, so adapters
 * that mount routes see it and the core needs none.
 */
export interface AppContext {
  ops: Ops;
  router: Router;
}
