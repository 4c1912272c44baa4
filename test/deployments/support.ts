import { Router } from '../../bot/router.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { Actor, Reply } from '../../bot/model.js';
import { createTestOps, type TestOps, type TestOpsOptions } from '../support/test-ops.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';

/** Fails on a version containing "fail", runs long on one containing "slow", ignores TERM on "stubborn". */
export const TEST_SCRIPT = [
  'echo "deploying $DAYOPS_SERVICE $DAYOPS_VERSION to $DAYOPS_ENV as $DAYOPS_DEPLOY_ID"',
  'case "$DAYOPS_VERSION" in',
  '  *fail*) echo "boom" >&2; exit 3;;',
  '  *stubborn*) trap "echo ignoring TERM" TERM; echo waiting; while true; do sleep 0.1; done;;',
  '  *slow*) echo waiting; sleep 30;;',
  'esac',
  'echo done',
].join('\n');

export const alice: Actor = { platform: 'shell', userId: 'alice', displayName: 'Alice' };
export const bob: Actor = { platform: 'shell', userId: 'bob', displayName: 'Bob' };
/** Known to nobody: the default viewer role. */
export const carol: Actor = { platform: 'shell', userId: 'carol', displayName: 'Carol' };
export const PLACE = { channel: 'shell:deploys' };

/** The demo team with a fast test script, no readiness requirements unless asked, and output posted at once. */
export function testConfig(change: (config: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({}));
  const engine = { type: 'script' as const, command: TEST_SCRIPT, graceSeconds: 0.3 };
  for (const service of Object.values(config.services)) service.engine = engine;
  for (const env of Object.values(config.environments)) env.requiredCategories = [];
  config.deploys = { ...config.deploys, logFlushSeconds: 0 };
  change(config);
  return config;
}

export interface Harness {
  ops: TestOps;
  router: Router;
  say(actor: Actor, text: string, idempotencyKey?: string): Promise<Reply>;
  press(actor: Actor, action: string, value: string, idempotencyKey?: string): Promise<Reply>;
  deployment(id: string): Promise<DeploymentRecord>;
  idle(): Promise<void>;
}

export async function harness(config: Config = testConfig(), options: Omit<TestOpsOptions, 'config'> = {}): Promise<Harness> {
  const ops = await createTestOps({ config, ...options });
  const router = ops.app.router;
  return {
    ops,
    router,
    say: (actor, text, idempotencyKey) => router.handleCommand({ actor, place: PLACE, text, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    press: (actor, action, value, idempotencyKey) =>
      router.handleAction({ actor, place: PLACE, action, value, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    deployment: async (id) => {
      const d = await ops.store.read((tx) => tx.get('deployment', id));
      if (!d) throw new Error(`no ${id}`);
      return d;
    },
    idle: () => ops.deployRunner.whenIdle(),
  };
}

export function text(reply: Reply): string {
  return [reply.message.title, reply.message.text, ...(reply.message.fields ?? []).map((f) => `${f.label}: ${typeof f.value === 'string' ? f.value : f.value.at}`)]
    .filter(Boolean)
    .join('\n');
}

/** Polls until `check` holds (child processes run on real time). */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
