import { randomBytes } from 'node:crypto';
import { statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeWriteFailure, type StoreUnavailableError } from './store-errors.js';

/** Room for a few large journal lines: below this, the next change may not fit. */
export const MIN_FREE_BYTES = 64 * 1024;

/**
 * Resolves when a write to `dir` can succeed now, rejects saying why not: appends are refused
 * (`failure`), the disk is (nearly) full, or a small file cannot be written there (read-only,
 * permissions). Writes and removes one probe file; never touches the data files.
 */
export async function probeWritable(dir: string, failure: StoreUnavailableError | undefined): Promise<void> {
  if (failure) throw failure;
  const fs = await statfs(dir).catch(() => undefined);
  if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) {
    throw new Error(`the disk holding ${dir} is full (${fs.bavail * fs.bsize} bytes free); writes are refused until space is freed`);
  }
  const probe = join(dir, `.write-probe-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, 'ok');
  } catch (err) {
    throw new Error(`${dir} cannot be written: ${describeWriteFailure(err)}; writes are refused`);
  } finally {
    await unlink(probe).catch(() => undefined);
  }
}
