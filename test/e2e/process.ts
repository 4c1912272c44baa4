import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const ROOT = new URL('../..', import.meta.url).pathname;

export interface DayopsProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr matches (checked on every chunk), or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  /** True while the process has not exited (a zombie not yet reaped counts as exited). */
  alive(): boolean;
}

/** The real entry point (`node bin/dayops.js …`) with its own data directory and a free port. */
export function dayops(args: string[], env: Record<string, string>): DayopsProcess {
  return watch(spawn('node', ['bin/dayops.js', ...args], { cwd: ROOT, env: testEnv(env), stdio: ['pipe', 'pipe', 'pipe'] }));
}

/** A command on a pseudo-terminal (util-linux script(1)), as a person at a terminal runs it. */
export function spawnOnTerminal(command: string, env: Record<string, string>): DayopsProcess {
  return watch(spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: testEnv(env), stdio: ['pipe', 'pipe', 'pipe'] }));
}

function testEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DAYOPS_PORT: '0', DAYOPS_CONFIG: '', NODE_ENV: 'production', ...env };
}

function watch(child: ChildProcessWithoutNullStreams): DayopsProcess {
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (d: Buffer) => ((out += d.toString()), poke()));
  child.stderr.on('data', (d: Buffer) => ((err += d.toString()), poke()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('close', (c, signal) => resolve((code = c ?? (signal ? -1 : null)))));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    alive: () => code === undefined && !isZombie(child.pid),
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out) ?? pattern.exec(err);
          if (!m) return;
          cleanup();
          resolve(m);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function isZombie(pid: number | undefined): boolean {
  if (!pid) return true;
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
