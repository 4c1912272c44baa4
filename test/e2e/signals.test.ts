import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { dayops, type DayopsProcess } from './process.js';

/** A deploy of the demo's example script whose rollout lasts `seconds`. */
function shellEnv(dataDir: string, seconds: number, shutdownSeconds: number): Record<string, string> {
  return { DAYOPS_DATA_DIR: dataDir, DAYOPS_DEPLOY_SECONDS: String(seconds), DAYOPS_SHUTDOWN_SECONDS: String(shutdownSeconds) };
}

/** Samples, until the process exits, whether it ever ran without its data directory's lock. */
function watchLock(run: DayopsProcess, dataDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    let lost = false;
    const timer = setInterval(() => {
      if (run.alive() && !existsSync(join(dataDir, 'dayops.lock'))) lost = true;
    }, 10);
    void run.exited.then(() => {
      clearInterval(timer);
      resolve(lost);
    });
  });
}

/** After a restart on the same directory: what `wait` says of the deploy. */
async function outcomeAfterRestart(dataDir: string, id: string): Promise<string> {
  const again = dayops(['shell'], { DAYOPS_DATA_DIR: dataDir });
  again.child.stdin.end(`wait ${id}\n`);
  expect(await again.exited).toBe(0);
  return again.stdout();
}

describe('stopping the shell and serve during a deploy', () => {
  it('shell, SIGTERM once: the deploy outlives the stop, is left running, and the next start records its real outcome', async () => {
    const dataDir = tempDir();
    const run = dayops(['shell'], shellEnv(dataDir, 4, 1));
    run.child.stdin.write('deploy api 1.0.0 to staging\n');
    await run.waitFor(/rolling out over 4s/);
    const lockLost = watchLock(run, dataDir);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await lockLost).toBe(false);
    expect(run.stderr()).toMatch(/Stopping: running work has up to 1 s to finish/);
    expect(run.stderr()).not.toMatch(/store is closed|Error:|\n\s+at /);
    const after = await outcomeAfterRestart(dataDir, 'DEP-1');
    expect(after).toContain('following it again');
    expect(after).toContain('• DEP-1 succeeded.');
  });

  it('shell, SIGINT twice: quits at once with 130, and the next start still follows the deploy to its end', async () => {
    const dataDir = tempDir();
    const run = dayops(['shell'], shellEnv(dataDir, 3, 30));
    run.child.stdin.write('deploy api 1.0.0 to staging\n');
    await run.waitFor(/rolling out over 3s/);
    run.child.kill('SIGINT');
    await run.waitFor(/Ctrl-C again quits at once/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('Quitting at once');
    expect(await outcomeAfterRestart(dataDir, 'DEP-1')).toContain('• DEP-1 succeeded.');
  });

  it('serve, SIGTERM once: a deploy that finishes within the shutdown time is recorded as succeeded, with no error logged', async () => {
    const dataDir = tempDir();
    const run = dayops(['shell'], shellEnv(dataDir, 2, 20));
    run.child.stdin.write('deploy api 1.0.0 to staging\n');
    await run.waitFor(/rolling out over 2s/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const after = await outcomeAfterRestart(dataDir, 'DEP-1');
    expect(after).not.toContain('following it again');
    expect(after).toContain('• DEP-1 succeeded.');
  });
});
