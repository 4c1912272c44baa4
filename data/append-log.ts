import { createReadStream } from 'node:fs';
import { appendFile, open, stat, truncate } from 'node:fs/promises';

/**
 * A file of JSON lines that only grows. Each append is one write call, so a killed process
 * leaves at most a torn final line, which `repairTail` cuts off on the next start.
 */
export class AppendLog {
  constructor(readonly path: string) {}

  /** Appends one line per entry in a single write; resolves the number of bytes written. */
  async append(entries: readonly object[]): Promise<number> {
    if (entries.length === 0) return 0;
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    await appendFile(this.path, text);
    return Buffer.byteLength(text);
  }

  /** Empties the file (after its content was saved elsewhere). */
  async reset(): Promise<void> {
    await truncate(this.path, 0).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /** Cuts a torn last line (no trailing newline); returns the last complete line, if any. */
  async repairTail(): Promise<string | undefined> {
    const size = await fileSize(this.path);
    if (size === 0) return undefined;
    const tail = await readTail(this.path, size, Math.min(size, 1 << 20));
    const lastNewline = tail.text.lastIndexOf('\n');
    if (lastNewline < tail.text.length - 1) {
      const keep = lastNewline < 0 ? tail.start : tail.start + Buffer.byteLength(tail.text.slice(0, lastNewline + 1));
      await truncate(this.path, keep);
    }
    const complete = lastNewline < 0 ? '' : tail.text.slice(0, lastNewline);
    const prev = complete.lastIndexOf('\n');
    const line = complete.slice(prev + 1);
    return line === '' ? undefined : line;
  }

  /** Calls `each` for every line, oldest first, with its 1-based line number. */
  async forEach(each: (line: string, lineNumber: number) => void | Promise<void>): Promise<void> {
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
        if (line !== '') await each(line, n);
      }
      rest = text.slice(start);
    }
    if (rest !== '') await each(rest, n + 1);
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
