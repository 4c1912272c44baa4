import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

function serve(dataDir: string) {
  const child = spawn('node', ['bin/dayops.js', 'serve'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, DAYOPS_DATA_DIR: dataDir, DAYOPS_PORT: '0', DAYOPS_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listening = new Promise<string>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /"url":"(http:\/\/[^"]+)".*dayops is listening/.exec(stderr);
      if (m) resolve(m[1]!);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, listening, exited, stderr: () => stderr };
}

describe('dayops serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`answers /healthz, runs no shell, and exits 0 on ${signal}`, async () => {
      const dataDir = tempDir();
      const run = serve(dataDir);
      const url = await run.listening;
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.stderr()).toContain('shutting down');
    });
  }
});
