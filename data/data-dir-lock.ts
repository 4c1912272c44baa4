import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'dayops.lock';

interface LockHolder {
  pid: number;
  startedAt: string;
  hostname: string;
}

export interface DataDirLock {
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): Promise<void>;
}

/** Another live dayops process owns the data directory; the message says who and what to do. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
    super(
      `${dir} is in use by dayops process ${holder.pid}${where} (started ${holder.startedAt}); ` +
        'stop it or use another DAYOPS_DATA_DIR.',
    );
  }
}

/**
 * Makes this process the one owner of `dir`. Two processes writing the same store would corrupt
 * it, so a second one is refused; a lock left behind by a process that died is taken over.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const absDir = resolve(dir);
  await mkdir(absDir, { recursive: true });
  const path = join(absDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname() } satisfies LockHolder);
  // A few rounds: a stale lock is removed and the exclusive create is tried again.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, mine)) return { release: () => releaseIfMine(path, mine) };
    const holder = await readHolder(path);
    if (holder && isAlive(holder)) throw new DataDirLockedError(absDir, holder);
    await unlink(path).catch(ignoreMissing);
  }
  throw new Error(`Could not take the lock ${path}: it keeps reappearing.`);
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** The holder, or undefined when the file is gone or unreadable as a lock (then it is stale). */
async function readHolder(path: string): Promise<LockHolder | undefined> {
  // Another process may have created the file but not yet written it; give it a moment.
  for (let attempt = 0; attempt < 3; attempt++) {
    const text = await readFile(path, 'utf8').catch(ignoreMissing);
    if (text === undefined) return undefined;
    const holder = parseHolder(text);
    if (holder) return holder;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(data.pid) || (data.pid as number) <= 0 || typeof data.startedAt !== 'string' || typeof data.hostname !== 'string') return undefined;
    return data as LockHolder;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A pid means nothing on another machine (a shared disk): assume that holder is alive.
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseIfMine(path: string, mine: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(ignoreMissing);
  if (text === mine) await unlink(path).catch(ignoreMissing);
}

function ignoreMissing(err: unknown): undefined {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw err;
}
