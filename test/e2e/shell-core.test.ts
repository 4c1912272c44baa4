import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runShell } from './run-shell.js';

describe('npm start, piped', () => {
  it('answers help, whoami, bad input and audit, and exits 0', async () => {
    const dataDir = tempDir();
    const run = await runShell(['help', 'whoami', 'deplyo api 1.0 to staging', 'decide', 'audit'], { dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('alice> help');
    expect(run.stdout).toMatch(/Commands\n\s+General\s+help — Lists the commands/);
    expect(run.stdout).toContain('dayops person      alice');
    expect(run.stdout).toContain('Did you mean deploy?');
    expect(run.stdout).toMatch(/title is missing\.\n\s+Usage: decide <title…>/);
    // alice may not read the audit log: the refusal names the permission and is itself audited.
    expect(run.stdout).toMatch(/You need the audit permission/);
    expect(run.stderr).not.toMatch(/"level":(50|60)/);
  });

  it('exits 1 with --strict when a line failed, and 0 when none did', async () => {
    const dataDir = tempDir();
    expect((await runShell(['no-such-command'], { dataDir, args: ['--strict'] })).code).toBe(1);
    expect((await runShell(['whoami'], { dataDir, args: ['--strict'] })).code).toBe(0);
  });

  it('keeps its data between runs and lets bob read the audit of what alice did', async () => {
    const dataDir = tempDir();
    await runShell(['decide Use PostgreSQL 16 for api --category database --service api'], { dataDir });
    const run = await runShell(['as bob', 'audit', 'decisions'], { dataDir });
    expect(run.stdout).toMatch(/alice · decision\.create D-1/);
    expect(run.stdout).toContain('Use PostgreSQL 16 for api');
  });

  it('refuses a second process on the same data directory, naming the holder', async () => {
    const dataDir = tempDir();
    const { spawn } = await import('node:child_process');
    const holder = spawn('node', ['bin/dayops.js', 'serve'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, DAYOPS_DATA_DIR: dataDir, DAYOPS_PORT: '0', DAYOPS_CONFIG: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await new Promise<void>((resolve) => holder.stderr.on('data', (d: Buffer) => d.toString().includes('listening') && resolve()));
      const run = await runShell(['whoami'], { dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`in use by dayops process ${holder.pid}`);
    } finally {
      holder.kill('SIGTERM');
      await new Promise((r) => holder.on('close', r));
    }
  });
});
