import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A script's output and exit status go to files in its run directory, not through pipes to the
 * bot: the script then outlives a bot that stops or dies, and the next start reads how it ended.
 *
 * The wrapper traps TERM and INT only to outlive its child: POSIX sh runs a trap after the
 * foreground command ends, so a halted script still has its exit status (143) recorded.
 */
export const WRAPPER = [
  // The output may hold what a script printed of its secrets: only this user reads it.
  'umask 077',
  "trap ':' TERM INT HUP",
  '/bin/sh -c "$1" > "$2/output" 2>&1 < /dev/null',
  'code=$?',
  'printf "%s\\n" "$code" > "$2/exit.tmp" && mv "$2/exit.tmp" "$2/exit"',
  'exit "$code"',
].join('\n');

/** Run directories older than this are removed when a new run starts. */
const KEEP_RUNS_MS = 7 * 86_400_000;

export function createRunDir(root: string, id: string): string {
  mkdirSync(root, { recursive: true });
  pruneOldRuns(root);
  const dir = join(root, `${id.replace(/[^A-Za-z0-9-]/g, '_')}-${Date.now()}-${process.pid}`);
  mkdirSync(dir);
  return dir;
}

/**
 * Once the run's end is reported, its raw output goes (it may hold secrets that dayops censors
 * only in what it stores and posts); the exit status stays, so a restart still knows the outcome.
 */
export function dropOutput(dir: string): void {
  rmSync(join(dir, 'output'), { force: true });
}

/** The exit code the wrapper recorded, or undefined while none is (still running, or killed). */
export function recordedExit(dir: string): number | undefined {
  const file = join(dir, 'exit');
  if (!existsSync(file)) return undefined;
  const code = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(code) ? code : undefined;
}

function pruneOldRuns(root: string): void {
  const cutoff = Date.now() - KEEP_RUNS_MS;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    try {
      if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first: nothing to do.
    }
  }
}

/**
 * Reads the lines a run appends to its output file, from where the last reader stopped: the
 * offset is kept in the run directory, so output is reported once across restarts.
 */
export class OutputTail {
  private offset: number;
  private partial = '';

  constructor(private readonly dir: string) {
    this.offset = readOffset(dir);
  }

  /** New complete lines since the last call; at the end, the last line even without a newline. */
  read(final = false): string[] {
    const chunk = this.readNew();
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (final && this.partial !== '') {
      lines.push(this.partial);
      this.partial = '';
    }
    if (chunk !== '') writeFileSync(join(this.dir, 'offset'), String(this.offset - Buffer.byteLength(this.partial)));
    return lines.map((l) => l.replace(/\r$/, ''));
  }

  private readNew(): string {
    const file = join(this.dir, 'output');
    if (!existsSync(file)) return '';
    const fd = openSync(file, 'r');
    try {
      const chunks: Buffer[] = [];
      const buffer = Buffer.alloc(64 * 1024);
      for (let n = readSync(fd, buffer, 0, buffer.length, this.offset); n > 0; n = readSync(fd, buffer, 0, buffer.length, this.offset)) {
        chunks.push(Buffer.from(buffer.subarray(0, n)));
        this.offset += n;
      }
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
}

function readOffset(dir: string): number {
  try {
    const n = Number(readFileSync(join(dir, 'offset'), 'utf8'));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}
