// `npm run bench:faults`: the two infrastructure faults on real `dayops serve` processes while a
// pipeline keeps requesting deployments: a PostgreSQL stopped and started again under three
// replicas, and the data directory's disk filling up and being freed. Prints what was
// acknowledged, refused, lost and duplicated, and writes bench/results/faults.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayops, type DayopsProcess } from '../test/e2e/process.js';
import { postgresBinDir, POSTGRES_INSTALL_HINT, startPostgres } from '../test/support/postgres.js';
import { mountSmallFs } from '../test/support/small-fs.js';

const TOKEN = 'bench-faults-api-token';
const WORKERS = 4;
const SERVICES = 4000;

interface Figures {
  scenario: string;
  sent: number;
  acknowledged: number;
  /** Answered 503 "nothing was changed" (or not answered at all) during the fault, and sent again after it. */
  refused: number;
  /** Acknowledged and missing afterwards (or another deployment under its id). */
  lost: number;
  /** Services with more than one deployment: a request carried out twice. */
  duplicated: number;
  processes: string;
  restart: string;
}

/** Every request deploys its own service, approval needed: one record, one message, nothing run. */
function writeConfig(dir: string): string {
  const path = join(dir, 'dayops.config.json');
  const engine = { type: 'script', command: 'true' };
  writeFileSync(
    path,
    JSON.stringify({
      services: Object.fromEntries(Array.from({ length: SERVICES }, (_, i) => [`s${i}`, { engine }])),
      environments: { staging: { approvals: 1, requiredCategories: [] } },
      people: [{ name: 'ann', roles: ['approver'] }],
      api: { tokens: [{ name: 'ci', tokenEnv: 'DAYOPS_API_TOKEN_CI', permissions: ['request', 'read'] }] },
    }),
  );
  return path;
}

const LISTENING = /"url":"(http:\/\/[^"]+)".*dayops is listening/;

/** A pipeline: WORKERS requests at a time, each with its own Idempotency-Key, over every replica in turn. */
class Pipeline {
  readonly acked = new Map<string, string>();
  private readonly failed: number[] = [];
  private next = 0;
  sent = 0;
  refused = 0;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly bases: string[]) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: WORKERS }, (_, w) => this.loop(w));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** After the fault: what was not acknowledged is sent again with its key, as a pipeline retries. */
  async retryFailed(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (this.failed.length > 0 && Date.now() < deadline) {
      const n = this.failed.shift()!;
      if (!(await this.send(n, 0))) {
        this.failed.push(n);
        await sleep(200);
      }
    }
  }

  get unanswered(): number {
    return this.failed.length;
  }

  private async loop(worker: number): Promise<void> {
    while (this.running) {
      const n = this.next++;
      if (!(await this.send(n, worker))) {
        this.refused++;
        this.failed.push(n);
        await sleep(100);
      }
    }
  }

  private async send(n: number, worker: number): Promise<boolean> {
    this.sent++;
    const base = this.bases[(n + worker) % this.bases.length]!;
    try {
      const res = await fetch(`${base}/api/deployments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `bench-s${n}` },
        body: JSON.stringify({ service: `s${n}`, version: '1.0.0', env: 'staging', requester: 'ci' }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json()) as { id?: string };
      if (res.status >= 200 && res.status < 300 && body.id) {
        this.acked.set(`s${n}`, body.id);
        return true;
      }
      return false;
    } catch {
      return false;
    }
  }
}

/** Reads every deployment back through the API: lost = acknowledged and not there, duplicated = a service deployed twice. */
async function check(base: string, acked: Map<string, string>): Promise<{ lost: number; duplicated: number }> {
  const services = new Map<string, number>();
  const byId = new Map<string, string>();
  for (let i = 1, misses = 0; misses < 20; i++) {
    const res = await fetch(`${base}/api/deployments/DEP-${i}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) {
      await res.arrayBuffer();
      misses++;
      continue;
    }
    misses = 0;
    const d = (await res.json()) as { service: string };
    byId.set(`DEP-${i}`, d.service);
    services.set(d.service, (services.get(d.service) ?? 0) + 1);
  }
  const lost = [...acked].filter(([service, id]) => byId.get(id) !== service).length;
  const duplicated = [...services.values()].filter((c) => c > 1).length;
  return { lost, duplicated };
}

async function stopAll(processes: DayopsProcess[]): Promise<string> {
  const alive = processes.filter((p) => p.alive()).length;
  for (const p of processes) p.child.kill('SIGTERM');
  const codes = await Promise.all(processes.map((p) => p.exited));
  return `${alive} of ${processes.length} alive; SIGTERM exit ${[...new Set(codes)].join(', ')}`;
}

async function databaseOutage(say: (line: string) => void): Promise<Figures> {
  const pg = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'dayops-bench-faults-'));
  try {
    const url = await pg.createDatabase();
    const env = (i: number) => ({ DAYOPS_CONFIG: writeConfig(dir), DAYOPS_DATA_DIR: join(dir, `data${i}`), DAYOPS_DATABASE_URL: url, DAYOPS_API_TOKEN_CI: TOKEN });
    // One first, so the schema is made once.
    const replicas = [dayops(['serve'], env(0))];
    const bases = [(await replicas[0]!.waitFor(LISTENING))[1]!];
    replicas.push(dayops(['serve'], env(1)), dayops(['serve'], env(2)));
    for (const r of replicas.slice(1)) bases.push((await r.waitFor(LISTENING))[1]!);
    const pipeline = new Pipeline(bases);
    pipeline.start();
    await sleep(4_000);
    say(`database outage: ${pipeline.acked.size} acknowledged before PostgreSQL stops`);
    await pg.halt();
    await sleep(5_000);
    await pg.restart();
    say(`database outage: PostgreSQL is back; ${pipeline.refused} refused during it`);
    await sleep(4_000);
    await pipeline.stop();
    await pipeline.retryFailed(30_000);
    const { lost, duplicated } = await check(bases[0]!, pipeline.acked);
    const processes = await stopAll(replicas);
    return { scenario: 'PostgreSQL stopped 5 s (3 replicas)', sent: pipeline.sent, acknowledged: pipeline.acked.size, refused: pipeline.refused, lost, duplicated, processes, restart: pipeline.unanswered === 0 ? 'every refused request acknowledged on retry' : `${pipeline.unanswered} still unanswered` };
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function diskFull(say: (line: string) => void): Promise<Figures | string> {
  const fs = mountSmallFs(16 * 1024);
  if (typeof fs === 'string') return fs;
  const dir = mkdtempSync(join(tmpdir(), 'dayops-bench-faults-'));
  try {
    const env = { DAYOPS_CONFIG: writeConfig(dir), DAYOPS_DATA_DIR: join(fs.dir, 'data'), DAYOPS_API_TOKEN_CI: TOKEN };
    const first = dayops(['serve'], env);
    const pipeline = new Pipeline([(await first.waitFor(LISTENING))[1]!]);
    pipeline.start();
    await sleep(3_000);
    fs.fill();
    say(`disk full: ${pipeline.acked.size} acknowledged before the disk filled`);
    await sleep(4_000);
    fs.free();
    say(`disk full: space freed; ${pipeline.refused} refused while full`);
    await sleep(3_000);
    await pipeline.stop();
    await pipeline.retryFailed(30_000);
    const processes = await stopAll([first]);
    // The journal written through the full disk must load: a restart reads every acknowledged change back.
    const again = dayops(['serve'], env);
    let restart: string;
    let result = { lost: pipeline.acked.size, duplicated: 0 };
    try {
      const base = (await again.waitFor(LISTENING))[1]!;
      result = await check(base, pipeline.acked);
      restart = `the restart loaded the journal${pipeline.unanswered > 0 ? `; ${pipeline.unanswered} unanswered` : ''}`;
    } catch (err) {
      restart = `the restart failed: ${(err as Error).message.split('\n')[0]}`;
    }
    await stopAll([again]);
    return { scenario: 'data directory disk full 4 s (16 MiB tmpfs)', sent: pipeline.sent, acknowledged: pipeline.acked.size, refused: pipeline.refused, ...result, processes, restart };
  } finally {
    fs.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(rows: Figures[]): string[] {
  return [
    '| scenario | requests sent (incl. retries) | acknowledged (2xx) | refused (503 "nothing was changed" or no answer), sent again after | acknowledged lost | duplicated | processes | after |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((f) => `| ${f.scenario} | ${f.sent} | ${f.acknowledged} | ${f.refused} | ${f.lost} | ${f.duplicated} | ${f.processes} | ${f.restart} |`),
  ];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const say = (line: string) => console.error(line);
const rows: Figures[] = [];
const notes: string[] = [];
if (postgresBinDir()) rows.push(await databaseOutage(say));
else notes.push(`database outage skipped: PostgreSQL is not installed (${POSTGRES_INSTALL_HINT})`);
const disk = await diskFull(say);
if (typeof disk === 'string') notes.push(`disk full skipped: ${disk}`);
else rows.push(disk);
const lines = [
  `## Faults (\`npm run bench:faults\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version})`,
  '',
  `${WORKERS} pipeline requests in flight at a time (each its own service and Idempotency-Key; what is refused is sent again after the fault with the same key). Targets: acknowledged lost 0, duplicated 0, every process alive.`,
  '',
  ...table(rows),
  ...notes.map((n) => `\n${n}`),
];
console.log(lines.join('\n'));
await mkdir(new URL('results/', import.meta.url), { recursive: true });
await writeFile(new URL('results/faults.md', import.meta.url), `${lines.join('\n')}\n`);
process.exitCode = rows.every((r) => r.lost === 0 && r.duplicated === 0 && r.processes.startsWith(`${r.scenario.includes('3 replicas') ? 3 : 1} of`)) && notes.length === 0 ? 0 : 1;
