import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { buildApp, type App } from '../../bin/app.js';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { silentLogger, type Logger } from '../../bot/log.js';
import type { WebhookMode } from '../../adapters/alerts/webhook-auth.js';

export interface TestAppOptions {
  config?: Config;
  log?: Logger;
  /** Defaults to a new ManualClock (2026-01-05 09:00 UTC): time passes only when the test moves it. */
  clock?: ManualClock;
  /** An existing data directory: opening it again is a restart. */
  dir?: string;
  /** Keep the chat platforms' secrets: those tests install their adapter with test options. */
  keepChat?: boolean;
  /** Build only; the test calls `start()` (default: started). */
  start?: boolean;
  /** `shell`: alert webhooks take a generated token when none is set, as in the shell. */
  mode?: WebhookMode;
  /** A port chosen beforehand (another local process must know it first); default: a free one. */
  port?: number;
}

export interface TestApp extends App {
  clock: ManualClock;
  dir: string;
  /** The HTTP server's base URL once started (`http://127.0.0.1:<port>`). */
  url: string;
  /** Stops the app as `dayops serve` does on SIGTERM and removes its data directory unless kept. */
  close(options?: { keepDir?: boolean; settleMs?: number }): Promise<void>;
  /** Moves the clock and waits for the jobs and messages that set off. */
  advance(ms: number): Promise<void>;
  /** Waits until running work, fired jobs and the outbox are all idle. */
  settle(timeoutMs?: number): Promise<void>;
}

const open = new Set<TestApp>();
afterEach(async () => {
  for (const app of [...open].reverse()) await app.close();
});

/**
 * The app exactly as `dayops serve` builds it (bin/app.ts): the real store in a temporary data
 * directory, the real scheduler, outbox, router and HTTP server (on a free port), every feature
 * installed. Only the clock is the test's, and the production scheduler and outbox read it.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'dayops-app-')));
  const clock = options.clock ?? new ManualClock();
  const config = testable(options.config ?? loadConfig({}), dir, Boolean(options.keepChat), options.port ?? 0);
  const app = await buildApp({ config, log: options.log ?? silentLogger, clock, mode: options.mode ?? 'service' });
  let closed = false;
  const testApp: TestApp = {
    ...app,
    clock,
    dir,
    url: '',
    async close({ keepDir = false, settleMs = 2000 } = {}) {
      if (closed) return;
      closed = true;
      open.delete(testApp);
      await app.stop(settleMs);
      if (!keepDir) await rm(dir, { recursive: true, force: true });
    },
    async advance(ms) {
      clock.advance(ms);
      await testApp.settle();
    },
    settle: (timeoutMs = 10_000) => settleApp(app, timeoutMs),
  };
  open.add(testApp);
  if (options.start !== false) testApp.url = (await app.start()).url;
  return testApp;
}

function testable(config: Config, dir: string, keepChat: boolean, port: number): Config {
  const secrets = keepChat ? config.secrets : { ...config.secrets, chat: {} };
  return { ...config, dataDir: dir, http: { ...config.http, host: '127.0.0.1', port }, secrets };
}

async function settleApp(app: App, timeoutMs: number): Promise<void> {
  const { ops } = app;
  const deadline = Date.now() + timeoutMs;
  // Jobs start work, work posts messages, delivery may fire nothing more: go round until quiet.
  for (let round = 0; round < 3; round++) {
    await ops.scheduler.whenIdle();
    if (!(await ops.activity.whenIdle(Math.max(1, deadline - Date.now())))) throw new Error('running work did not settle');
    await ops.scheduler.whenIdle();
    await ops.outbox.settled();
  }
}
