import { spawn } from 'node:child_process';

export interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Pipes `lines` into the real entry point (`npm start`, i.e. `node bin/dayops.js start`) with
 * its own data directory and a free port, and collects what it prints.
 */
export function runShell(lines: string[], options: { dataDir: string; args?: string[]; env?: Record<string, string>; timeoutMs?: number }): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent', '--', ...(options.args ?? [])], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, DAYOPS_DATA_DIR: options.dataDir, DAYOPS_PORT: '0', DAYOPS_CONFIG: '', NODE_ENV: 'production', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the shell did not finish in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(lines.join('\n') + '\n');
  });
}
