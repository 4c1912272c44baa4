import { corePorts } from '../bin/ports.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../bot/clock.js';
import { loadConfig } from '../bin/config.js';
import { silentLogger } from '../bot/log.js';
import { createOps } from '../bot/phase-service.js';
import { CommandRegistry } from '../bot/registry.js';
import { Router } from '../bot/router.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { openLowdbStore } from '../data/lowdb-store.js';
import { openPgStore } from '../data/pg-store.js';
import type { Store } from '../data/store.js';
import { startCluster, waitFor } from '../test/replicas/cluster.js';
import { createDueReminders, reminderText } from '../test/replicas/reminders.js';
import { postgresBinDir, POSTGRES_INSTALL_HINT, startPostgres, type RunningPostgres } from '../test/support/postgres.js';
import { ms, percentile, verdict } from './stats.js';

const COMMANDS_RUN = 400;
const CONCURRENCY = 8;
const REMINDERS = 300;

interface Throughput {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

/**
 * One state-changing command (`remind`, which stores a reminder and its job and audits it) sent
 * through the real Router, CONCURRENCY at a time, against the given store.
 */
async function commandThroughput(store: Store): Promise<Throughput> {
  const config = loadConfig({ DAYOPS_DATA_DIR: join(tmpdir(), 'dayops-bench-unused') });
  const ops = createOps({ config, store, clock: systemClock, log: silentLogger, ...corePorts(config) });
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  const actor = { platform: 'shell' as const, userId: 'alice', displayName: 'alice', person: 'alice' };
  const at = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < COMMANDS_RUN; i = next++) {
      const t = performance.now();
      const answer = await router.handleCommand({ actor, place: { channel: 'shell:ops' }, text: `remind #ops --at ${at} bench task ${i}`, idempotencyKey: `bench-${i}` });
      latencies.push(performance.now() - t);
      if (!/REM-\d+/.test(answer.message.text ?? '')) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: COMMANDS_RUN / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
}

async function storeRows(pg: RunningPostgres): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dayops-bench-pg-'));
  const lowdb = await openLowdbStore({ dir, log: silentLogger });
  const postgres = await openPgStore({ url: await pg.createDatabase() });
  try {
    const rows: string[] = [];
    for (const [name, store] of [['lowdb (embedded)', lowdb], ['PostgreSQL', postgres]] as const) {
      const r = await commandThroughput(store);
      rows.push(`| ${name} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.failed} |`);
    }
    return rows;
  } finally {
    await lowdb.close();
    await postgres.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Firing {
  replicas: number;
  seconds: number;
  duplicates: number;
  missed: number;
}

/** REMINDERS reminders due at one instant, fired by 1, 2 or 3 `dayops serve` replicas. */
async function reminderFiring(pg: RunningPostgres, replicas: number): Promise<Firing> {
  const cluster = await startCluster({ replicas, pg });
  try {
    const dueAt = new Date(Date.now() + 3_000);
    await createDueReminders(cluster.databaseUrl, cluster.configPath, REMINDERS, dueAt);
    const isReminder = (p: { text: string }) => p.text.includes('replica check ');
    await waitFor('every reminder', 120_000, () => (cluster.chat.posts.filter(isReminder).length >= REMINDERS ? true : undefined)).catch(() => undefined);
    const last = Math.max(...cluster.chat.posts.filter(isReminder).map((p) => p.at));
    // Room for a late duplicate to show up.
    await new Promise((r) => setTimeout(r, 4_000));
    const counts = cluster.chat.countsByMessage(isReminder);
    const keys = [...counts.keys()];
    const missed = Array.from({ length: REMINDERS }, (_, i) => reminderText(i)).filter((t) => !keys.some((k) => k.includes(t))).length;
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    return { replicas, seconds: (last - dueAt.getTime()) / 1000, duplicates, missed };
  } finally {
    await cluster.stop();
  }
}

/** `npm run bench pg`: the PostgreSQL store against the embedded one, and reminders on 1–3 replicas. */
export async function runPgBench(): Promise<string[]> {
  if (!postgresBinDir()) return ['## PostgreSQL', '', `Skipped: PostgreSQL is not installed (${POSTGRES_INSTALL_HINT}).`];
  const pg = await startPostgres();
  try {
    const lines = [
      '## PostgreSQL store and replicas',
      '',
      `Command throughput through the Router: ${COMMANDS_RUN} \`remind\` commands (each stores a reminder and its job and audits it), ${CONCURRENCY} at a time, same run.`,
      '',
      '| store | commands/s | p50 | p99 | failed |',
      '|---|---|---|---|---|',
      ...(await storeRows(pg)),
      '',
      `Reminder firing: ${REMINDERS} reminders due at one instant, created in the database; \`dayops serve\` replicas post them to a local fake Slack API (10 channels). Targets: duplicates 0, missed 0.`,
      '',
      '| replicas | last post after due | duplicates | missed | verdict |',
      '|---|---|---|---|---|',
    ];
    for (const n of [1, 2, 3]) {
      const f = await reminderFiring(pg, n);
      lines.push(`| ${f.replicas} | ${f.seconds.toFixed(1)} s | ${f.duplicates} | ${f.missed} | ${verdict(f.duplicates === 0 && f.missed === 0)} |`);
    }
    return lines;
  } finally {
    await pg.stop();
  }
}
