// Mixed commands at 32 in flight over a large history: the embedded store against PostgreSQL
// with three replicas (three stores, phase services and routers in this process, one database).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../bot/clock.js';
import { loadConfig } from '../bin/config.js';
import { corePorts } from '../bin/ports.js';
import { silentLogger } from '../bot/log.js';
import { createOps } from '../bot/phase-service.js';
import { CommandRegistry } from '../bot/registry.js';
import { Router } from '../bot/router.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { openLowdbStore } from '../data/lowdb-store.js';
import { openPgStore, type PgStore } from '../data/pg-store.js';
import type { Store } from '../data/store.js';
import { alertGroup } from '../test/incidents/fixtures.js';
import type { RunningPostgres } from '../test/support/postgres.js';
import { AUDIT_EVENTS, CLOSED_RECORDS, seedPgHistory } from './history.js';
import { seedHistory } from './store.js';
import { ms, percentile, verdict } from './stats.js';

const IN_FLIGHT = 32;
/** Each worker runs this cycle on its own service line, so every command is one that succeeds. */
const CYCLES = 6;
const ALICE = { platform: 'shell' as const, userId: 'alice', displayName: 'alice', person: 'alice' };
const BOB = { platform: 'shell' as const, userId: 'bob', displayName: 'bob', person: 'bob' };

function configFile(dir: string): string {
  const path = join(dir, 'bench.config.json');
  const services = Object.fromEntries(Array.from({ length: IN_FLIGHT }, (_, w) => [`svc${w}`, { engine: { type: 'script', command: 'true' } }]));
  writeFileSync(path, JSON.stringify({
    channels: { ops: 'shell:ops', deploys: 'shell:deploys', alerts: 'shell:alerts', incidents: 'shell:incidents' },
    services,
    // Two approvals: one approval leaves the request waiting, so no engine runs during the bench.
    environments: { production: { protected: true, approvals: 2, requiredCategories: [] } },
    people: [
      { name: 'alice', shell: ['alice'], roles: ['author', 'deployer', 'deployer@production', 'responder'] },
      { name: 'bob', shell: ['bob'], roles: ['approver', 'approver@production', 'responder'] },
    ],
  }));
  return path;
}

interface Mixed {
  commands: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: string[];
  deployed: string[];
}

/** One worker's cycle: deploy request, approval, decision, ack, two listings, denial (closes the line). */
async function runMixed(routers: Router[], cycles: number): Promise<Mixed> {
  const latencies: number[] = [];
  const failed: string[] = [];
  const deployed: string[] = [];
  const send = async (router: Router, actor: typeof ALICE, text: string): Promise<string> => {
    const t = performance.now();
    const answer = await router.handleCommand({ actor, place: { channel: 'shell:ops' }, text });
    latencies.push(performance.now() - t);
    if (answer.failed) failed.push(`${text}: ${answer.message.text ?? ''}`);
    return answer.message.text ?? answer.message.title ?? '';
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async (_, w) => {
    const router = routers[w % routers.length]!;
    for (let c = 0; c < cycles; c++) {
      const text = await send(router, ALICE, `deploy svc${w} 1.${c}.${w} to production --reason bench`);
      const id = /DEP-\d+/.exec(text)?.[0];
      if (!id) continue;
      deployed.push(id);
      await send(router, BOB, `approve ${id}`);
      await send(router, ALICE, `decide Bench choice ${w}-${c} --category other`);
      await send(router, BOB, `ack ALG-${900_000 + w}`);
      await send(router, ALICE, `deploys svc${w}`);
      await send(router, ALICE, 'alerts');
      await send(router, BOB, `deny ${id} --reason bench`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { commands: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, deployed };
}

async function openGroups(store: Store): Promise<void> {
  await store.transact(async (tx) => {
    for (let w = 0; w < IN_FLIGHT; w++) await tx.put('alertGroup', alertGroup(`ALG-${900_000 + w}`, { groupKey: `bench-${w}`, service: `svc${w}`, severity: 'warning', channels: ['shell:alerts'] }));
  });
}

function routerFor(store: Store, config: ReturnType<typeof loadConfig>): Router {
  const ops = createOps({ config, store, clock: systemClock, log: silentLogger, ...corePorts(config) });
  return new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
}

function row(name: string, m: Mixed): string {
  const duplicated = m.deployed.length - new Set(m.deployed).size;
  return `| ${name} | ${m.commands} | ${m.perSecond.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p99)} | ${m.failed.length} | ${duplicated} |`;
}

export async function runMixedBench(pg: RunningPostgres): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dayops-bench-mixed-'));
  const replicas: PgStore[] = [];
  try {
    const config = loadConfig({ DAYOPS_CONFIG: configFile(dir), DAYOPS_DATA_DIR: dir });
    const dataDir = join(dir, 'data');
    await seedHistory(dataDir);
    const lowdb = await openLowdbStore({ dir: dataDir, log: silentLogger });
    await openGroups(lowdb);
    const embedded = await runMixed([routerFor(lowdb, config)], CYCLES);
    await lowdb.close();

    const url = await pg.createDatabase();
    await (await openPgStore({ url })).close();
    await seedPgHistory(url);
    for (let i = 0; i < 3; i++) replicas.push(await openPgStore({ url, poolSize: 12 }));
    await openGroups(replicas[0]!);
    const retriesBefore = replicas.reduce((n, s) => n + s.retries(), 0);
    const postgres = await runMixed(replicas.map((s) => routerFor(s, config)), CYCLES);
    const retries = replicas.reduce((n, s) => n + s.retries(), 0) - retriesBefore;
    const ok = postgres.p99 <= 50 && postgres.perSecond >= embedded.perSecond && postgres.failed.length === 0;
    return [
      `## Mixed commands over a large history (${IN_FLIGHT} in flight)`,
      '',
      `Each of ${IN_FLIGHT} workers runs ${CYCLES} cycles on its own service: \`deploy\` (to a protected environment), \`approve\`, \`decide\`, \`ack\`, \`deploys <svc>\`, \`alerts\`, \`deny\`; both stores hold ${AUDIT_EVENTS.toLocaleString('en')} audit events and ${CLOSED_RECORDS.toLocaleString('en')} closed records first. PostgreSQL: three replicas (a store, phase service and router each, in one process) on one database.`,
      '',
      '| store | commands | commands/s | p50 | p99 | failed | duplicated deployments |',
      '|---|---|---|---|---|---|---|',
      row('embedded', embedded),
      row('PostgreSQL, 3 replicas', postgres),
      '',
      `- PostgreSQL transactions run again after a conflict: ${retries} (dayops_store_retries_total)`,
      `- target p99 ≤ 50 ms, throughput ≥ embedded, 0 failed: ${verdict(ok)}`,
      ...[...embedded.failed, ...postgres.failed].slice(0, 3).map((f) => `- failed: ${f.slice(0, 160)}`),
    ];
  } finally {
    await Promise.all(replicas.map((s) => s.close().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}
