import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/** Another node process (optionally wrapped, e.g. in a new PID namespace) that takes the lock and holds it until killed. */
async function holdInChild(dir: string, wrapper: string[] = []): Promise<{ child: ChildProcess; pid: number }> {
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(MODULE_URL)});
    await acquireDataDirLock(${JSON.stringify(dir)});
    process.stdout.write('locked ' + process.pid + '\\n');
    setInterval(() => {}, 60_000);
  `;
  const argv = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const child = spawn(wrapper[0] ?? argv[0]!, [...wrapper.slice(1), ...(wrapper.length ? argv : argv.slice(1))], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve(import.meta.dirname, '../..') });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const pid = await new Promise<number>((ok, fail) => {
    child.stdout?.on('data', (c: Buffer) => {
      const m = /locked (\d+)/.exec(c.toString());
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`The lock-holding child exited with ${code}: ${stderr}`)));
  });
  return { child, pid };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok())));
}

function canUnshare(): string | undefined {
  try {
    execFileSync('unshare', ['--pid', '--fork', 'true'], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const lockContent = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));

describe('acquireDataDirLock', () => {
  it('creates the directory and a lock file naming this process', async () => {
    const dir = join(root, 'nested', '.dayops');
    const lock = await acquireDataDirLock(dir);
    const content = lockContent(dir);
    expect(content.pid).toBe(process.pid);
    expect(content.hostname).toBe(hostname());
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    await lock.release();
  });

  it('refuses a second acquire in the same process, naming the directory and the pid', async () => {
    const dir = join(root, '.dayops');
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(
      new RegExp(`^${escape(dir)} is in use by dayops process ${process.pid} \\(started .+\\); stop it or use another DAYOPS_DATA_DIR\\.$`),
    );
    await lock.release();
  });

  it('refuses while another live process holds the lock, and takes it once that process is killed with SIGKILL', async () => {
    const dir = join(root, '.dayops');
    const { child } = await holdInChild(dir);
    const refused = await acquireDataDirLock(dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder?.pid).toBe(child.pid);
    expect((refused as Error).message).toContain(`in use by dayops process ${child.pid} `);

    child.kill('SIGKILL');
    await exited(child);
    const lock = await acquireDataDirLock(dir);
    expect(lockContent(dir).pid).toBe(process.pid);
    await lock.release();
  });

  it('is not blocked by a file naming a live pid on this host that holds no lock (a pid reused, or PID 1 again after a restart)', async () => {
    const dir = join(root, '.dayops');
    await acquireDataDirLock(dir).then((l) => l.release());
    for (const pid of [process.pid, 1]) {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, startedAt: '2025-01-01T00:00:00.000Z', hostname: hostname() }));
      const lock = await acquireDataDirLock(dir);
      expect(lockContent(dir).pid).toBe(process.pid);
      await lock.release();
    }
  });

  it('is not blocked by a lock file from a host or container that no longer exists, nor by an empty one', async () => {
    const dir = join(root, '.dayops');
    await acquireDataDirLock(dir).then((l) => l.release());
    for (const content of [JSON.stringify({ pid: 7, startedAt: '2025-01-01T00:00:00.000Z', hostname: 'gone-container' }), '']) {
      writeFileSync(join(dir, LOCK_FILE), content);
      const lock = await acquireDataDirLock(dir);
      expect(lockContent(dir).pid).toBe(process.pid);
      await lock.release();
    }
  });

  it.skipIf(canUnshare() !== undefined)('lets a restarted PID 1 in a new PID namespace take the lock its killed predecessor, also PID 1, held', async () => {
    const dir = join(root, '.dayops');
    const first = await holdInChild(dir, ['unshare', '--pid', '--fork']);
    expect(first.pid).toBe(1);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`${dir} is in use by dayops process 1 (started`);
    // SIGKILL the namespace's init (its pid on this side is the unshare's child), which ends the namespace.
    const init = Number((await readFile(`/proc/${first.child.pid}/task/${first.child.pid}/children`, 'utf8')).trim().split(' ')[0]);
    process.kill(init, 'SIGKILL');
    await exited(first.child);
    const second = await holdInChild(dir, ['unshare', '--pid', '--fork']);
    expect(second.pid).toBe(1);
    expect(lockContent(dir).pid).toBe(1);
    second.child.kill('SIGKILL');
  });

  it('release lets the next acquire succeed and is safe to call twice', async () => {
    const dir = join(root, '.dayops');
    const first = await acquireDataDirLock(dir);
    await first.release();
    await first.release();
    const second = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await second.release();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
