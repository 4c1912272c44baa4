import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { Actor, OpsMessage, Reply } from '../../bot/model.js';
import type { Ops } from '../../bot/ops.js';
import type { Router } from '../../bot/router.js';
import type { OutboxRecord } from '../../data/records/core.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export const RUNBOOK_SCRIPT = 'echo "restoring $DAYOPS_ARG_DB in $DAYOPS_ENV"; echo "restore ok"';

/** The demo team with a runbook that needs no approval, and output posted at once. */
export function reminderConfig(change: (c: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({}));
  config.runbooks = {
    'restore-test': { description: 'Restore the latest backup into a scratch database', engine: { type: 'script', command: RUNBOOK_SCRIPT, graceSeconds: 1 }, approvals: 0 },
  };
  config.deploys = { ...config.deploys, logFlushSeconds: 0 };
  change(config);
  return config;
}

/**
 * One dayops process over a data directory, built as `dayops serve` builds it (test-app.ts):
 * real store, scheduler, outbox, router and every feature; time is the ManualClock's. No chat
 * sender is registered, so what the bot posts stays readable in the outbox. A "restart" is a
 * second World over the same directory and clock.
 */
export interface World {
  ops: Ops;
  router: Router;
  app: TestApp;
  say(person: string, text: string, channel?: string): Promise<Reply>;
  press(person: string, action: string, value: string): Promise<Reply>;
  reply(person: string, thread: string, text: string): Promise<Reply | undefined>;
  /** Stops as on SIGTERM; the directory stays for a restart. */
  stop(): Promise<void>;
}

export async function startWorld(dir: string, clock: ManualClock, config: Config = reminderConfig()): Promise<World> {
  const app = await startTestApp({ dir, clock, config });
  const { ops, router } = app;
  const actor = (person: string): Actor => ({ platform: 'shell', userId: person, displayName: person });
  return {
    ops,
    router,
    app,
    say: (person, text, channel = 'shell:ops') => router.handleCommand({ actor: actor(person), place: { channel }, text }),
    press: (person, action, value) => router.handleAction({ actor: actor(person), place: { channel: 'shell:ops' }, action, value }),
    reply: (person, thread, text) => router.handleThreadReply({ actor: actor(person), place: { channel: 'shell:incidents', thread }, text }),
    stop: () => app.close({ keepDir: true }),
  };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-rem-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Moves the clock the production scheduler reads to `ms` from now, stopping at each job's due
 * time on the way so every job fires on time, as it would on a running server.
 */
export async function advance(world: World, clock: ManualClock, ms: number): Promise<void> {
  const target = clock.now().getTime() + ms;
  for (;;) {
    const jobs = await world.ops.store.inspect((tx) => tx.scan('job'));
    const next = Math.min(...jobs.map((j) => Date.parse(j.dueAt)).filter((t) => t > clock.now().getTime()));
    const to = Math.min(target, next);
    clock.set(new Date(to));
    await world.app.settle();
    if (to >= target) return;
  }
}

/** Every queued post and edit, oldest first (no sender is registered, so nothing leaves). */
export async function outbox(ops: Ops): Promise<OutboxRecord[]> {
  const records = await ops.store.inspect((tx) => tx.scan('outbox'));
  return records.sort((a, b) => a.seq - b.seq);
}

/** The message as it would read now: the newest post or edit of `key`. */
export async function latest(ops: Ops, key: string): Promise<OpsMessage | undefined> {
  const records = (await outbox(ops)).filter((r) => r.key === key);
  return records.at(-1)?.message as OpsMessage | undefined;
}

export function textOf(reply: Reply): string {
  return [reply.message.title, reply.message.text].filter(Boolean).join('\n');
}
