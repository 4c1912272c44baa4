import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Prometheus for tests (Debian's `prometheus` package), scraping a tiny target the test
 * controls. Reusable for any check that queries Prometheus (success criteria, cost checks):
 *
 *   const target = await startMetricsTarget({ api_latency_p99_seconds: 0.12 });
 *   const prom = await startPrometheus([target]);
 *   target.set('api_latency_p99_seconds', 0.5);
 *   await prom.waitForValue('api_latency_p99_seconds', 0.5);
 *   …
 *   await prom.stop(); await target.close();
 */

/** Debian's package installs it here; the variable lets a machine point elsewhere. */
export const PROMETHEUS_BIN = process.env.DAYOPS_TEST_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMETHEUS_INSTALL_HINT = 'apt-get update && apt-get install -y prometheus';

export function prometheusInstalled(): boolean {
  return existsSync(PROMETHEUS_BIN);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Gauges the test sets; served at /metrics in the text exposition format. */
export interface MetricsTarget {
  /** `127.0.0.1:<port>`, what Prometheus scrapes. */
  address: string;
  set(name: string, value: number, labels?: Record<string, string>): void;
  /** Leaves a series out of the next scrapes (Prometheus marks it stale). */
  remove(name: string, labels?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startMetricsTarget(initial: Record<string, number> = {}): Promise<MetricsTarget> {
  const series = new Map<string, { name: string; labels: string; value: number }>();
  const labelText = (labels: Record<string, string> = {}) =>
    Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
      .join(',');
  const set = (name: string, value: number, labels?: Record<string, string>) => {
    const l = labelText(labels);
    series.set(`${name}{${l}}`, { name, labels: l, value });
  };
  for (const [name, value] of Object.entries(initial)) set(name, value);
  const server: Server = createHttpServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const names = [...new Set([...series.values()].map((s) => s.name))];
    const body = names
      .flatMap((name) => [`# TYPE ${name} gauge`, ...[...series.values()].filter((s) => s.name === name).map((s) => `${name}${s.labels ? `{${s.labels}}` : ''} ${s.value}`)])
      .join('\n');
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${body}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    address: `127.0.0.1:${port}`,
    set,
    remove: (name, labels) => void series.delete(`${name}{${labelText(labels)}}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RunningPrometheus {
  /** The base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Runs an instant query; resolves the first sample's value, or undefined when there is none. */
  value(query: string): Promise<number | undefined>;
  /** Waits until `query` evaluates to `expected` (a scrape saw the target's new value). */
  waitForValue(query: string, expected: number, ms?: number): Promise<void>;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  /** Stops it (SIGTERM) and waits for the exit; its port then refuses connections. */
  stop(): Promise<void>;
}

const SCRAPE_SECONDS = 1;

function configYaml(targets: MetricsTarget[]): string {
  return [
    'global:',
    `  scrape_interval: ${SCRAPE_SECONDS}s`,
    `  evaluation_interval: ${SCRAPE_SECONDS}s`,
    'scrape_configs:',
    '  - job_name: target',
    `    static_configs: [{ targets: [${targets.map((t) => `"${t.address}"`).join(', ')}] }]`,
    '',
  ].join('\n');
}

/**
 * Starts Prometheus on 127.0.0.1 on a free port with a temporary config and data directory,
 * scraping `targets` every second; resolves once every target is up and a sample is visible.
 */
export async function startPrometheus(targets: MetricsTarget[]): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-prom-'));
  await writeFile(join(dir, 'prometheus.yml'), configYaml(targets));
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    }
  };
  const value = async (query: string) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
    const first = body.data?.result?.[0];
    return first ? Number(first.value[1]) : undefined;
  };
  const waitForValue = (query: string, expected: number, ms = 30_000) =>
    eventually(`${query} to be ${expected}`, async () => ((await value(query).catch(() => undefined)) === expected ? true : undefined), ms).then(() => undefined);
  try {
    await eventually('Prometheus to be ready', async () => (child.exitCode !== null ? Promise.reject(new Error('Prometheus exited during start-up')) : (await ready(url)) || undefined));
    await waitForValue(`count(up{job="target"} == 1)`, targets.length);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { url, value, waitForValue, output: () => output, stop };
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/-/ready`)).ok;
  } catch {
    return false;
  }
}

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
