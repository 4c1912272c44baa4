import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's package installs it here; the variable lets a machine point elsewhere. */
export const ALERTMANAGER_BIN = process.env.DAYOPS_TEST_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
export const INSTALL_HINT = 'apt-get update && apt-get install -y prometheus-alertmanager';

export function alertmanagerInstalled(): boolean {
  return existsSync(ALERTMANAGER_BIN);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WebhookTarget {
  url: string;
  bearer?: string;
}

export interface RunningAlertmanager {
  url: string;
  pid: number;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** A receiver with one webhook per target, fast grouping and a long repeat, so each change is sent once. */
function configYaml(targets: WebhookTarget[]): string {
  const hooks = targets
    .map((t) =>
      [
        `      - url: ${t.url}`,
        '        send_resolved: true',
        ...(t.bearer ? ['        http_config:', '          authorization:', '            type: Bearer', `            credentials: ${t.bearer}`] : []),
      ].join('\n'),
    )
    .join('\n');
  return [
    'route:',
    '  receiver: dayops',
    '  group_by: [alertname, service]',
    '  group_wait: 1s',
    '  group_interval: 1s',
    '  repeat_interval: 4h',
    'receivers:',
    '  - name: dayops',
    ...(targets.length > 0 ? ['    webhook_configs:', hooks] : []),
    '',
  ].join('\n');
}

/** Starts the real Alertmanager on 127.0.0.1 with clustering off and its data in a temp dir. */
export async function startAlertmanager(targets: WebhookTarget[]): Promise<RunningAlertmanager> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-am-'));
  await writeFile(join(dir, 'alertmanager.yml'), configYaml(targets));
  const port = await freePort();
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, () => child.exitCode !== null);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { url, pid: child.pid!, output: () => output, stop };
}

async function waitReady(url: string, dead: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (dead()) throw new Error('Alertmanager exited during start-up');
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Alertmanager did not become ready within 15 s');
}

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
