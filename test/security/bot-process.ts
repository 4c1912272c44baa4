import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface BotProcess {
  child: ChildProcess;
  /** The HTTP base URL once it listens; rejects when it exits first (a data file that does not load). */
  listening: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** `node bin/dayops.js serve` as an operator runs it, with the environment given. */
export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['bin/dayops.js', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DAYOPS_PORT: '0', DAYOPS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*dayops is listening/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`dayops exited (${code ?? signal}) before listening:\n${output.slice(-2000)}`)));
  });
  listening.catch(() => {});
  return { child, listening, exited, output: () => output };
}
