import { corePorts } from '../../bin/ports.js';
import { createOps } from '../../bot/phase-service.js';
import { vi } from 'vitest';
import type { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { installDigest } from '../../bot/digest/install.js';
import { silentLogger } from '../../bot/log.js';
import type { OpsMessage, Reply } from '../../bot/model.js';
import type { Ops } from '../../bot/ops.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { OutboxRecord } from '../../data/records/core.js';
import { RECORDS } from './fixtures.js';

export function digestConfig(change: (c: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({}));
  change(config);
  return config;
}

/** One dayops process over a data directory with the real store, scheduler and router. */
export interface DigestWorld {
  ops: Ops;
  say(person: string, text: string): Promise<Reply>;
  stop(): Promise<void>;
}

export async function startDigestWorld(dir: string, clock: ManualClock, config: Config): Promise<DigestWorld> {
  const store = await openLowdbStore({ dir, clock, log: silentLogger });
  const ops = createOps({ config, store, clock, log: silentLogger, ...corePorts(config) });
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  await installDigest({ ops });
  await ops.scheduler.start();
  return {
    ops,
    say: (person, text) => router.handleCommand({ actor: { platform: 'shell', userId: person, displayName: person }, place: { channel: 'shell:ops' }, text }),
    stop: async () => {
      await ops.scheduler.stop();
      await store.close();
    },
  };
}

/** Stores the fixed week's records as history, the way the features would have left them. */
export async function seedRecords(ops: Ops): Promise<void> {
  await ops.store.transact(async (tx) => {
    for (const d of RECORDS.deployments) await tx.put('deployment', d, { closed: true });
    for (const i of RECORDS.incidents) await tx.put('incident', i, { closed: i.status === 'resolved' });
    for (const g of RECORDS.alertGroups) await tx.put('alertGroup', g);
    for (const m of RECORDS.maintenance) await tx.put('maintenance', m, { closed: m.state === 'ended' });
    for (const r of RECORDS.reminders) await tx.put('reminder', r);
  });
}

/** Moves the clock and the fake timers together, letting due jobs fire on the way. */
export async function advanceTo(world: DigestWorld, clock: ManualClock, at: Date): Promise<void> {
  const by = at.getTime() - clock.now().getTime();
  clock.set(at);
  await vi.advanceTimersByTimeAsync(Math.max(by, 0));
  await world.ops.scheduler.whenIdle();
}

export async function posts(ops: Ops): Promise<OutboxRecord[]> {
  const records = await ops.store.inspect((tx) => tx.scan('outbox'));
  return records.filter((r) => r.op === 'post').sort((a, b) => a.seq - b.seq);
}

export function messageOf(r: OutboxRecord): OpsMessage {
  return r.message as OpsMessage;
}
