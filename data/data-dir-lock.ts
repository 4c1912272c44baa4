import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';

export const LOCK_FILE = 'dayops.lock';

interface LockHolder {
  pid: number;
  startedAt: string;
  hostname: string;
}

export interface DataDirLock {
  /** Gives the lock up; safe to call twice. The file stays: removing it could race a new owner. */
  release(): Promise<void>;
}

/** Another live dayops process owns the data directory; the message says who and what to do. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    /** Undefined when the holder has not yet written who it is. */
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `dayops process ${holder.pid}${holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`} (started ${holder.startedAt})` : 'another dayops process';
    super(`${dir} is in use by ${who}; stop it or use another DAYOPS_DATA_DIR.`);
  }
}

/** Held locks: a FileHandle that is garbage-collected closes its file, and that would free the lock. */
const held = new Set<FileHandle>();

/**
 * Makes this process the one owner of `dir`. Two processes writing the same store would corrupt
 * it, so a second one is refused. The lock is a kernel lock on the open lock file (an fcntl
 * open-file-description lock on Linux, through fs-native-extensions): the kernel drops it when
 * its holder exits however it dies, so a dead holder never blocks, whatever pid or hostname the
 * file names (a container restarted as PID 1 again, a pid reused, a container that is gone).
 * The file's content only says who holds it, for the message.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const absDir = resolve(dir);
  await mkdir(absDir, { recursive: true });
  const path = join(absDir, LOCK_FILE);
  // Read and write, never truncating on open: the holder's content stays readable to those refused.
  const handle = await open(path, 'a+');
  let granted: boolean;
  try {
    granted = tryLock(handle.fd);
  } catch (err) {
    await handle.close();
    throw err;
  }
  if (!granted) {
    await handle.close();
    throw new DataDirLockedError(absDir, parseHolder(await readFile(path, 'utf8').catch(() => '')));
  }
  held.add(handle);
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname() };
  await handle.truncate(0);
  await handle.write(JSON.stringify(mine));
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(handle);
      unlock(handle.fd);
      await handle.close();
    },
  };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(data.pid) || typeof data.startedAt !== 'string' || typeof data.hostname !== 'string') return undefined;
    return data as LockHolder;
  } catch {
    return undefined;
  }
}
