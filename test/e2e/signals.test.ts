import { acquireDataDirLock, DataDirLockedError } from '../../data/data-dir-lock.js';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { PIPELINE_TOKEN_ENV, requestDeploy, writePipelineConfig } from './pipeline.js';
import { dayops, spawnOnTerminal, type DayopsProcess } from './process.js';

/** A deploy of the demo's example script whose rollout lasts `seconds`. */
function shellEnv(dataDir: string, seconds: number, shutdownSeconds: number): Record<string, string> {
  return { DAYOPS_DATA_DIR: dataDir, DAYOPS_DEPLOY_SECONDS: String(seconds), DAYOPS_SHUTDOWN_SECONDS: String(shutdownSeconds) };
}

/** Tries, until the process exits, to take its data directory: true when that ever worked while it lived. */
async function lockLostBeforeExit(run: DayopsProcess, dataDir: string): Promise<boolean> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!exited) {
    try {
      const lock = await acquireDataDirLock(dataDir);
      const stillAlive = run.alive();
      await lock.release();
      if (stillAlive) return true;
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** After a restart on the same directory: what `wait` says of the deploy. */
async function outcomeAfterRestart(dataDir: string, id: string, env: Record<string, string> = {}): Promise<string> {
  const again = dayops(['shell'], { DAYOPS_DATA_DIR: dataDir, ...env });
  again.child.stdin.end(`wait ${id}\n`);
  expect(await again.exited).toBe(0);
  return again.stdout();
}

describe('stopping the shell and serve during a deploy', { timeout: 120_000 }, () => {
  it('shell, SIGTERM once: the deploy outlives the stop, is left running, and the next start records its real outcome', async () => {
    const dataDir = tempDir();
    const run = dayops(['shell'], shellEnv(dataDir, 4, 1));
    run.child.stdin.write('deploy api 1.0.0 to staging\n');
    await run.waitFor(/rolling out over 4s/);
    const lockLost = lockLostBeforeExit(run, dataDir);
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

  it('shell, SIGTERM while `wait` waits for a long deploy: the wait ends and the stop goes ahead', async () => {
    const dataDir = tempDir();
    const run = dayops(['shell'], shellEnv(dataDir, 30, 1));
    run.child.stdin.write('deploy api 1.0.0 to staging\nwait DEP-1\n');
    await run.waitFor(/rolling out over 30s/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('• Stopped waiting: dayops is stopping.');
    expect(run.stdout()).not.toContain('DEP-1 succeeded');
  });

  it('shell on a terminal, Ctrl-C once: says so, stops gracefully and exits 0; the next start records the outcome', async () => {
    const dataDir = tempDir();
    // script(1) gives the shell a real terminal, where readline takes Ctrl-C as a keystroke.
    const run = spawnOnTerminal('node bin/dayops.js shell', shellEnv(dataDir, 4, 1));
    await run.waitFor(/alice> /);
    run.child.stdin.write('deploy api 1.0.0 to staging\r');
    await run.waitFor(/rolling out over 4s/);
    run.child.stdin.write('\x03');
    await run.waitFor(/Stopping: running work has up to 1 s to finish[\s\S]*Ctrl-C again quits at once/);
    expect(await run.exited).toBe(0);
    expect(await outcomeAfterRestart(dataDir, 'DEP-1')).toContain('• DEP-1 succeeded.');
  });

  it('serve, SIGTERM once: a deploy that finishes within the shutdown time is recorded as succeeded, with no error logged', async () => {
    const { dataDir, env } = serveSetup(3, 30);
    const run = dayops(['serve'], env);
    const url = (await run.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]!;
    expect((await requestDeploy(url)).status).toBe(201);
    await run.waitFor(/rolling out over 3s/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).not.toMatch(/store is closed|"level":50/);
    const after = await outcomeAfterRestart(dataDir, 'DEP-1', { DAYOPS_CONFIG: env.DAYOPS_CONFIG!, ...PIPELINE_TOKEN_ENV });
    expect(after).not.toContain('following it again');
    expect(after).toContain('• DEP-1 succeeded.');
  });

  it('serve, SIGTERM twice: exits 143 at once, and the next start records the real outcome', async () => {
    const { dataDir, env } = serveSetup(3, 30);
    const run = dayops(['serve'], env);
    const url = (await run.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]!;
    expect((await requestDeploy(url)).status).toBe(201);
    await run.waitFor(/rolling out over 3s/);
    run.child.kill('SIGTERM');
    await run.waitFor(/SIGTERM again quits at once/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    expect(await outcomeAfterRestart(dataDir, 'DEP-1', { DAYOPS_CONFIG: env.DAYOPS_CONFIG!, ...PIPELINE_TOKEN_ENV })).toContain('• DEP-1 succeeded.');
  });
});

/** A data directory and a config with a pipeline token, whose api deploys to staging run the example script. */
function serveSetup(seconds: number, shutdownSeconds: number): { dataDir: string; env: Record<string, string> } {
  const dataDir = tempDir();
  const config = writePipelineConfig(dataDir);
  return { dataDir, env: { ...shellEnv(dataDir, seconds, shutdownSeconds), DAYOPS_CONFIG: config, ...PIPELINE_TOKEN_ENV } };
}
