import type { ManualClock } from '../../bot/clock.js';
import type { Config } from '../../bot/config/schema.js';
import type { Logger } from '../../bot/log.js';
import type { Ops } from '../../bot/ops.js';
import type { WebhookMode } from '../../adapters/alerts/webhook-auth.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface TestOps extends Ops {
  clock: ManualClock;
  /** The store's temporary data directory. */
  dir: string;
  /** The whole app these ops belong to (router, HTTP server, lifecycle). */
  app: TestApp;
  /** Stops the app and removes its directory. */
  close(): Promise<void>;
}

export interface TestOpsOptions {
  config?: Config;
  log?: Logger;
  /** An existing data directory: a restart. */
  dir?: string;
  clock?: ManualClock;
  mode?: WebhookMode;
  port?: number;
}

/**
 * The phase service of an app built and started exactly as `dayops serve` builds it (see
 * test-app.ts): real store in a temporary directory, real scheduler and outbox reading a
 * ManualClock, the demo team (alice deploys, bob approves and administers) unless a config is given.
 */
export async function createTestOps(options: TestOpsOptions = {}): Promise<TestOps> {
  const app = await startTestApp(options);
  // The app runs without Slack and Discord (test/slack and test/discord install their adapter
  // on these ops with a test bot identity); their secrets stay readable for that.
  const secrets = options.config?.secrets ?? app.ops.config.secrets;
  const config = { ...app.ops.config, secrets };
  return { ...app.ops, config, clock: app.clock, dir: app.dir, app, close: () => app.close() };
}
