import { HttpServer } from '../adapters/http/server.js';
import type { AppContext } from '../bot/app-context.js';
import type { ChatSender } from '../bot/chat-sender.js';
import { systemClock, type Clock } from '../bot/clock.js';
import type { Config } from '../bot/config/schema.js';
import type { Logger } from '../bot/log.js';
import type { Ops } from '../bot/ops.js';
import { createOps } from '../bot/phase-service.js';
import { CommandRegistry } from '../bot/registry.js';
import { Router } from '../bot/router.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { acquireDataDirLock, type DataDirLock } from '../data/data-dir-lock.js';
import { openLowdbStore } from '../data/lowdb-store.js';

export interface App extends AppContext {
  /** Starts the scheduler, the outbox and the HTTP server; resolves the server's address. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops taking input, lets running work settle (bounded), flushes and releases the data directory. */
  stop(settleMs?: number): Promise<void>;
  addSender(sender: ChatSender): void;
}

export interface BuildAppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
}

/**
 * The composition root: one process, one data directory, one store, one phase service, one
 * router and one HTTP server, with each feature installed on them.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, log } = options;
  const lock = await acquireDataDirLock(config.dataDir);
  let ops: Ops;
  try {
    const store = await openLowdbStore({ dir: config.dataDir, log });
    ops = createOps({ config, store, clock: options.clock ?? systemClock, log });
  } catch (err) {
    await lock.release();
    throw err;
  }
  const registry = new CommandRegistry(COMMANDS, ACTIONS);
  const router = new Router(ops, registry);
  const http = new HttpServer({
    host: config.http.host,
    port: config.http.port,
    bodyLimitBytes: config.http.bodyLimitBytes,
    onError: (err, req) => log.error({ err, path: req.path, method: req.method }, 'an HTTP handler failed'),
  });
  const app: AppContext = { ops, router, http };
  installFeatures(app);
  return withLifecycle(app, lock);
}

/** Each feature mounts its jobs, routes and engines here. */
function installFeatures(_app: AppContext): void {}

function withLifecycle(app: AppContext, lock: DataDirLock): App {
  const { ops, http } = app;
  return {
    ...app,
    addSender: (sender) => ops.outbox.registerSender(sender),
    async start() {
      await ops.scheduler.start();
      ops.outbox.start();
      return http.start();
    },
    async stop(settleMs = 10_000) {
      await http.stop();
      await ops.activity.whenIdle(settleMs);
      await ops.scheduler.stop();
      await ops.outbox.stop();
      await ops.store.close();
      await lock.release();
    },
  };
}
