// The board's matrix, 100 services × 5 environments with 100,000 deployments stored, on the real
// app (bin/app.ts buildApp) and its HTTP server, signed in as a browser would be.
// Target: GET /board rendered server-side with p99 ≤ 100 ms.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../bin/app.js';
import { loadConfig } from '../bin/config.js';
import { deployMatrix } from '../bot/board/matrix.js';
import { issueBoardLink } from '../bot/board/sessions.js';
import { silentLogger } from '../bot/log.js';
import type { DeploymentRecord, DeployState } from '../data/records/deployment.js';
import { ms, percentile, verdict } from './stats.js';

const SERVICES = 100;
const ENVS = ['dev', 'test', 'staging', 'preprod', 'production'];
const DEPLOYMENTS = 100_000;
const BATCH = 5_000;
const REQUESTS = 200;
const TARGET_MS = 100;

const CONFIG = {
  services: Object.fromEntries(Array.from({ length: SERVICES }, (_, i) => [`svc-${String(i).padStart(3, '0')}`, {}])),
  environments: Object.fromEntries(ENVS.map((e) => [e, { requiredCategories: e === 'production' ? ['database', 'monitoring'] : [], approvals: e === 'production' ? 1 : 0 }])),
  people: [{ name: 'alice', roles: ['deployer'] }, { name: 'bob', roles: ['approver', 'admin'] }],
};

const FINISHED: DeployState[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'halted'];

function deployment(n: number, start: number): DeploymentRecord {
  const service = `svc-${String(n % SERVICES).padStart(3, '0')}`;
  const env = ENVS[Math.floor(n / SERVICES) % ENVS.length]!;
  const at = new Date(start + n * 60_000).toISOString();
  const open = n >= DEPLOYMENTS - 50;
  const state: DeployState = open ? 'awaiting_approval' : FINISHED[n % FINISHED.length]!;
  return {
    id: `DEP-${n + 1}`,
    service,
    env,
    version: `1.${Math.floor(n / 500)}.${n % 500}`,
    requester: { person: 'alice', platform: 'shell', userId: 'alice', displayName: 'Alice' },
    requestedFrom: { channel: 'shell:ops' },
    state,
    history: [{ state: 'requested', at }, { state, at }],
    approvals: [],
    approvalsRequired: env === 'production' ? 1 : 0,
    logTail: ['deploying', 'done'],
    notes: 0,
    createdAt: at,
    updatedAt: at,
    ...(open ? {} : { startedAt: at, finishedAt: at }),
  };
}

export async function runBoardBench(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-bench-board-'));
  try {
    await writeFile(join(dir, 'config.json'), JSON.stringify(CONFIG));
    const config = loadConfig({ DAYOPS_CONFIG: join(dir, 'config.json'), DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0', DAYOPS_TIMEZONE: 'Europe/Berlin' });
    const app = await buildApp({ config, log: silentLogger, mode: 'service' });
    const { url } = await app.start();
    const seeded = performance.now();
    const start = Date.now() - DEPLOYMENTS * 60_000;
    for (let from = 0; from < DEPLOYMENTS; from += BATCH) {
      await app.ops.store.transact(async (tx) => {
        for (let n = from; n < Math.min(DEPLOYMENTS, from + BATCH); n++) {
          const d = deployment(n, start);
          await tx.put('deployment', d, { closed: d.finishedAt !== undefined });
        }
      });
    }
    await app.ops.store.transact(async (tx) => {
      await tx.put('lock', { id: 'staging', env: 'staging', holder: 'alice', holderName: 'Alice', reason: 'bench', at: new Date().toISOString() });
      await tx.put('lineHalt', { id: 'preprod', env: 'preprod', by: 'bob', reason: 'bench', at: new Date().toISOString() });
    });
    const seedMs = performance.now() - seeded;
    const cookie = await signIn(app, url);
    const cells = await app.ops.store.read((tx) => deployMatrix(app.ops, tx));
    const times: number[] = [];
    let bytes = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/board`, { headers: { cookie } });
      const body = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200 || !body.includes('data-cell="svc-099|production"')) throw new Error(`GET /board answered ${res.status}`);
      bytes = body.length;
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuPerRequest = (cpu.user + cpu.system) / 1000 / REQUESTS;
    const core: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await app.ops.store.read((tx) => deployMatrix(app.ops, tx));
      core.push(performance.now() - t0);
    }
    await app.stop(2000);
    const p99 = percentile(times, 99);
    return [
      '## Board: the services × environments matrix',
      `- stored:  ${DEPLOYMENTS.toLocaleString('en')} deployments (${SERVICES} services × ${ENVS.length} environments, ${cells.cells.size} cells), seeded in ${ms(seedMs)}`,
      `- GET /board (signed in, real HTTP server, ${REQUESTS} requests, ${Math.round(bytes / 1024)} KiB of HTML): p50 ${ms(percentile(times, 50))}, p99 ${ms(p99)} (target p99 ≤ ${TARGET_MS} ms: ${verdict(p99 <= TARGET_MS)})`,
      `- CPU per GET /board (server and client, one process): ${ms(cpuPerRequest)}; load average at the end ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
      `- the read model alone (bot/board/matrix.ts, 50 reads): p50 ${ms(percentile(core, 50))}, p99 ${ms(percentile(core, 99))}`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function signIn(app: Awaited<ReturnType<typeof buildApp>>, url: string): Promise<string> {
  const link = await issueBoardLink(app.ops, { platform: 'shell', userId: 'bob', displayName: 'Bob', person: 'bob' }, url);
  const secret = link.url.slice(link.url.lastIndexOf('/') + 1);
  const res = await fetch(`${url}/board/signin`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ secret }).toString() });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie;
}
