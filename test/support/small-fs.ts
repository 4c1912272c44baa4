import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallFs {
  dir: string;
  /** Writes a filler file until the file system is full; resolves its size. */
  fill(): number;
  /** Removes the filler, so there is room again. */
  free(): void;
  readOnly(on: boolean): void;
  unmount(): void;
}

const FILLER = '.filler';

/**
 * A tmpfs of `kib` KiB mounted on a fresh directory, so a test meets a real full disk or
 * read-only file system. Needs root and mount permission: the reason it could not is returned.
 */
export function mountSmallFs(kib: number): SmallFs | string {
  const dir = mkdtempSync(join(tmpdir(), 'dayops-smallfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a ${kib} KiB tmpfs (needs root and mount permission): ${(err as Error).message.split('\n')[0]}`;
  }
  const filler = join(dir, FILLER);
  let mounted = true;
  return {
    dir,
    fill() {
      let size = 0;
      const block = Buffer.alloc(4096, 1);
      try {
        for (;;) {
          writeFileSync(filler, block, { flag: 'a' });
          size += block.length;
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
      // The last block may have gone in partly: top up byte by byte until nothing fits.
      try {
        for (;;) {
          writeFileSync(filler, 'x', { flag: 'a' });
          size++;
        }
      } catch {
        return size;
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' });
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
