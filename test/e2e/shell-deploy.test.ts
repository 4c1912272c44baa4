import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runShell } from './run-shell.js';

describe('Day-1 deployments in the shell', () => {
  it('deploys on the script engine, rolls back a failure, halts a long one, and needs a second person for production', { timeout: 240_000 }, async () => {
    const dataDir = tempDir();
    const opts = { dataDir, args: ['--strict'] };

    const first = await runShell(['deploy api 1.0.0 to staging'], opts);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/✔ DEP-1 · api 1\.0\.0 → staging[\s\S]*succeeded/);

    const failed = await runShell(['deploy api 1.1.0-fail to staging'], { dataDir });
    expect(failed.stdout).toMatch(/✖ DEP-2 · api 1\.1\.0-fail → staging[\s\S]*failed[\s\S]*\[\d+\] Rollback/);

    const rollback = await runShell(['rollback api staging'], opts);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toMatch(/✔ DEP-3 · api 1\.0\.0 → staging[\s\S]*succeeded/);

    const halted = await runShell(['deploy api 1.2.0-slow to staging', 'halt DEP-4 --reason too slow'], opts);
    expect(halted.code).toBe(0);
    expect(halted.stdout).toMatch(/DEP-4[\s\S]*halted/);

    const production = await runShell(
      [
        'decide Nightly backups --category database',
        'decide Prometheus --category monitoring',
        'decide SSO only --category security',
        'decide p99 under 300ms --category success-criteria',
        'as bob',
        'decision accept D-1',
        'decision accept D-2',
        'decision accept D-3',
        'decision accept D-4',
        'as alice',
        'deploy api 1.0.0 to production',
        'approve DEP-5',
        'as bob',
        'approve DEP-5',
        'deploy web 2.0.0 to production',
        'approve DEP-6',
      ],
      { dataDir },
    );
    const [beforeBob, afterBob] = production.stdout.split('bob> approve DEP-5');
    expect(beforeBob).toMatch(/alice> approve DEP-5\n✖ You need the approve permission/);
    // bob may approve, but never his own request.
    expect(afterBob).toMatch(/bob> approve DEP-6\n✖ [^\n]*(own|requested)/i);
    expect(afterBob).toMatch(/✔ DEP-5 · api 1\.0\.0 → production[\s\S]*succeeded/);

    const history = await runShell(['status', 'deploys', 'as bob', 'audit --target DEP-5'], { dataDir });
    expect(history.stdout).toMatch(/production\s+api: 1\.0\.0/);
    expect(history.stdout).toMatch(/DEP-4[^\n]*halted/);
    expect(history.stdout).toMatch(/bob · deployment\.approve DEP-5/);
  });
});
