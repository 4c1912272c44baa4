import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../data/data-dir-lock.js';

const MODULE_URL = pathToFileURL(resolve(import.meta.dirname, '../../data/data-dir-lock.ts')).href;

let root: string;
let children: ChildProcess[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dayops-lock-'));
});

afterEach(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children = [];
  rmSync(root, { recursive: true, force: true });
});

/** Starts another node process that takes the lock and holds it until killed. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(MODULE_URL)});
    await acquireDataDirLock(${JSON.stringify(dir)});
    process.stdout.write('locked\\n');
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((ok, fail) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('locked') && ok());
    child.once('exit', (code) => fail(new Error(`The lock-holding child exited with ${code}: ${stderr}`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok())));
}

describe('acquireDataDirLock', () => {
  it('creates the directory and a lock file naming this process', async () => {
    const dir = join(root, 'nested', '.dayops');
    const lock = await acquireDataDirLock(dir);
    const content = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(content.pid).toBe(process.pid);
    expect(content.hostname).toBe(hostname());
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    await lock.release();
  });

  it('refuses a second acquire in the same process, naming the directory and the pid', async () => {
    const dir = join(root, '.dayops');
    const lock = await acquireDataDirLock(dir);
    const second = acquireDataDirLock(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(
      new RegExp(`^${escape(dir)} is in use by dayops process ${process.pid} \\(started .+\\); stop it or use another DAYOPS_DATA_DIR\\.$`),
    );
    await lock.release();
  });

  it('refuses while another live process holds the lock, and takes it over once that process is dead', async () => {
    const dir = join(root, '.dayops');
    const child = await holdInChild(dir);
    const refused = await acquireDataDirLock(dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder.pid).toBe(child.pid);
    expect((refused as Error).message).toContain(`in use by dayops process ${child.pid} `);

    child.kill('SIGKILL');
    await exited(child);
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock file that is empty or not a lock', async () => {
    const dir = join(root, '.dayops');
    await acquireDataDirLock(dir).then((l) => l.release());
    writeFileSync(join(dir, LOCK_FILE), '');
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('treats a lock from another host as held, since its pid cannot be checked from here', async () => {
    const dir = join(root, '.dayops');
    await acquireDataDirLock(dir).then((l) => l.release());
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, startedAt: '2025-01-01T00:00:00.000Z', hostname: 'elsewhere' }));
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`${dir} is in use by dayops process 999999 on host elsewhere (started 2025-01-01T00:00:00.000Z)`);
  });

  it('release removes the lock, lets the next acquire succeed, and leaves a lock that is no longer ours', async () => {
    const dir = join(root, '.dayops');
    const first = await acquireDataDirLock(dir);
    await first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    await first.release();

    const second = await acquireDataDirLock(dir);
    const othersLock = JSON.stringify({ pid: process.pid, startedAt: 'someone else', hostname: hostname() });
    writeFileSync(join(dir, LOCK_FILE), othersLock);
    await second.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(othersLock);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
