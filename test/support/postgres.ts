import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../alerts/alertmanager-process.js';

export const POSTGRES_INSTALL_HINT = 'apt-get update && apt-get install -y postgresql';
const CI = process.env.CI === 'true';

/** The newest Debian PostgreSQL's bin directory, or undefined when none is installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/**
 * For `describe.skipIf`: true when the binaries are missing and this is not CI. On CI a missing
 * PostgreSQL is a failure, so the suite throws instead of skipping.
 */
export function skipWithoutPostgres(): boolean {
  if (postgresBinDir()) return false;
  if (CI) throw new Error(`PostgreSQL is missing on CI; install it with: ${POSTGRES_INSTALL_HINT}`);
  return true;
}

export const POSTGRES_SKIP_NOTE = `needs PostgreSQL (${POSTGRES_INSTALL_HINT})`;

export interface RunningPostgres {
  /** The server's pid, so it is stopped by that and nothing else. */
  pid: number;
  port: number;
  /** A URL for a fresh, empty database on this server. */
  createDatabase(name?: string): Promise<string>;
  output(): string;
  stop(): Promise<void>;
  /** The real outage: a fast shutdown (as `pg_ctl stop -m fast`), data kept for `restart`. */
  halt(): Promise<void>;
  /** Starts the server again on the same port and data, and waits until it answers. */
  restart(): Promise<void>;
}

/** initdb refuses to run as root; as root the server runs as the postgres user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function asUser(user: { uid: number; gid: number } | undefined, command: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

let databases = 0;

/**
 * A throwaway server: initdb in a temporary directory, listening on 127.0.0.1 at a free port
 * with its socket in the same directory, tuned for tests (no fsync). One per test file.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`PostgreSQL is not installed; ${POSTGRES_INSTALL_HINT}`);
  const dir = await mkdtemp(join(tmpdir(), 'dayops-pg-'));
  const user = postgresUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asUser(user, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const settings = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'];
  let output = '';
  const launch = () => {
    const server: ChildProcess = spawn(join(bin, 'postgres'), ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, ...settings], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    });
    server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    return { server, exited: new Promise<void>((resolve) => server.once('exit', () => resolve())) };
  };
  let current = launch();
  const child = current.server;
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // SIGINT is PostgreSQL's fast shutdown: sessions are cut, as in an outage.
  const halt = async () => {
    const { server, exited } = current;
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
    await exited;
  };
  const stop = async () => {
    await halt();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(admin, () => current.server.exitCode !== null, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pid: child.pid!,
    port,
    output: () => output,
    stop,
    halt,
    async restart() {
      current = launch();
      await waitUntilReady(admin, () => current.server.exitCode !== null, () => output);
    },
    async createDatabase(name = `dayops_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}

async function waitUntilReady(url: string, died: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (died()) throw new Error(`PostgreSQL exited during start:\n${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s:\n${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
