import { execFile, type ExecFileException } from 'node:child_process';
import { costFromOutput, type CostReading, type CostScripts } from '../../bot/budget/cost-script.js';

export interface CostScriptSpec {
  command: string[];
  cwd?: string;
  timeoutSeconds: number;
}

/** The most a cost script may print: a cost is one line, anything near this is a mistake. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs a configured cost script with the environment deploy scripts get (allow-listed, no secret
 * unless passed by name) and reads the cost it prints. Its output is never shown: only whether it
 * ran and the amount, so a script that prints a token does not put it in chat.
 */
export function costScripts(specs: Record<string, CostScriptSpec>, env: Record<string, string | undefined>): CostScripts {
  return {
    read(name) {
      const spec = specs[name];
      if (!spec) return Promise.resolve({ ok: false, error: `no cost script ${name} is configured (budgets.scripts)` });
      return run(name, spec, env);
    },
  };
}

function run(name: string, spec: CostScriptSpec, env: Record<string, string | undefined>): Promise<CostReading> {
  const [file, ...args] = spec.command as [string, ...string[]];
  return new Promise((resolve) => {
    execFile(file, args, { cwd: spec.cwd, env, timeout: spec.timeoutSeconds * 1000, maxBuffer: MAX_OUTPUT, killSignal: 'SIGKILL' }, (err, stdout) => {
      if (!err) {
        const reading = costFromOutput(stdout);
        resolve(reading.ok ? reading : { ok: false, error: `the cost script ${name}: ${reading.error}` });
        return;
      }
      resolve({ ok: false, error: `the cost script ${name} ${failure(err, spec.timeoutSeconds)}` });
    });
  });
}

function failure(err: ExecFileException, timeoutSeconds: number): string {
  if (err.killed || err.signal === 'SIGKILL') return `took longer than ${timeoutSeconds} s`;
  if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'printed too much';
  if (typeof err.code === 'string') return `could not start (${err.code})`;
  return `exited with ${String(err.code ?? err.signal)}`;
}
