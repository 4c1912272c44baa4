import type { HttpServer } from '../adapters/http/server.js';
import type { Ops } from './ops.js';
import type { Router } from './router.js';

/** What a feature's `install…(app)` gets at start-up: the phase service, the router, the HTTP server. */
export interface AppContext {
  ops: Ops;
  router: Router;
  http: HttpServer;
}
