import { createReadStream } from 'node:fs';
import { open, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { StoreUnavailableError, writeFailure } from './store-errors.js';

export interface AppendLogOptions {
  /** fdatasync after each append, so an appended line survives a power cut, not only a crash. */
  sync?: boolean;
}

/** A torn last line that was cut off, and where its bytes were kept. */
export interface TornTail {
  /** Byte offset of the cut, which is the file's length afterwards. */
  offset: number;
  bytes: number;
  copy: string;
}

/**
 * A file of JSON lines that only grows. A line is there once its newline is: each append is
 * written whole or, when the write fails (a full disk), cut back to the length before it, so a
 * failed append never leaves a partial line for the next one to follow. A process killed
 * mid-append leaves at most a torn last line, which `repairTail` cuts off (keeping a copy).
 */
export class AppendLog {
  /** Set when a failed append could not be cut back; no later append may follow the partial line. */
  private broken: StoreUnavailableError | undefined;

  constructor(
    readonly path: string,
    private readonly options: AppendLogOptions = {},
  ) {}

  /** Appends one line per entry; resolves the number of bytes written, rejects having written nothing. */
  async append(entries: readonly object[]): Promise<number> {
    if (this.broken) throw this.broken;
    if (entries.length === 0) return 0;
    const data = Buffer.from(entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'a');
    } catch (err) {
      throw writeFailure(err, this.path);
    }
    try {
      const { size } = await handle.stat();
      try {
        await writeAll(handle, data);
        if (this.options.sync) await handle.datasync();
      } catch (err) {
        await this.cutBack(handle, size, err);
        throw writeFailure(err, this.path);
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
    return data.length;
  }

  /** The reason appends are refused, when a failed append left a partial line behind. */
  get failure(): StoreUnavailableError | undefined {
    return this.broken;
  }

  /** Empties the file (after its content was saved elsewhere). */
  async reset(): Promise<void> {
    await truncate(this.path, 0).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw writeFailure(err, this.path);
    });
  }

  /**
   * Cuts a torn last line (no trailing newline), first copying its bytes to a file beside the
   * log; returns the last complete line, if any, and what was cut.
   */
  async repairTail(now: Date = new Date()): Promise<{ last?: string; torn?: TornTail }> {
    const size = await fileSize(this.path);
    if (size === 0) return {};
    const tail = await readTail(this.path, size, Math.min(size, 1 << 20));
    const lastNewline = tail.text.lastIndexOf('\n');
    let torn: TornTail | undefined;
    if (lastNewline < tail.text.length - 1) {
      const keep = lastNewline < 0 ? tail.start : tail.start + Buffer.byteLength(tail.text.slice(0, lastNewline + 1));
      torn = await this.keepTorn(keep, size, now);
      await truncate(this.path, keep);
    }
    const complete = lastNewline < 0 ? '' : tail.text.slice(0, lastNewline);
    const line = complete.slice(complete.lastIndexOf('\n') + 1);
    return { last: line === '' ? undefined : line, torn };
  }

  /**
   * Calls `each` for every line, oldest first, with its 1-based line number and whether its
   * newline was written (only the last line can lack it).
   */
  async forEach(each: (line: string, lineNumber: number, terminated: boolean) => void | Promise<void>): Promise<void> {
    if ((await fileSize(this.path)) === 0) return;
    // Splitting large chunks by hand is several times faster than node:readline here.
    let n = 0;
    let rest = '';
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        n++;
        const line = text.slice(start, end);
        start = end + 1;
        if (line !== '') await each(line, n, true);
      }
      rest = text.slice(start);
    }
    if (rest !== '') await each(rest, n + 1, false);
  }

  private async cutBack(handle: FileHandle, size: number, cause: unknown): Promise<void> {
    try {
      await handle.truncate(size);
    } catch {
      this.broken = new StoreUnavailableError(
        `dayops cannot save changes: a failed write left a partial line in ${this.path} that could not be removed; nothing is written until dayops restarts.`,
        (cause as NodeJS.ErrnoException).code,
        { cause },
      );
    }
  }

  private async keepTorn(offset: number, size: number, now: Date): Promise<TornTail> {
    const copy = `${this.path}.torn-${now.toISOString().replace(/[:.]/g, '-')}`;
    const handle = await open(this.path, 'r');
    try {
      const bytes = Buffer.alloc(size - offset);
      await handle.read(bytes, 0, bytes.length, offset);
      await writeFile(copy, bytes, { flag: 'wx' });
    } catch (err) {
      throw new StoreUnavailableError(`dayops cannot keep a copy of the torn last line of ${this.path} in ${copy}, so it does not cut it: ${(err as Error).message}`, (err as NodeJS.ErrnoException).code, { cause: err });
    } finally {
      await handle.close();
    }
    return { offset, bytes: size - offset, copy };
  }
}

/** One write call may write less than asked (the disk filled up): write the rest until it fails. */
async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written);
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

async function readTail(path: string, size: number, length: number): Promise<{ start: number; text: string }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    // Skip a partial UTF-8 sequence at the front of the window.
    let offset = 0;
    while (offset < buffer.length && (buffer[offset]! & 0xc0) === 0x80) offset++;
    return { start: size - length + offset, text: buffer.subarray(offset).toString('utf8') };
  } finally {
    await handle.close();
  }
}
