import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runShell } from './run-shell.js';

describe('Day-0 decisions in the shell', () => {
  it('decide, search, accept, supersede, readiness before and after, export', async () => {
    const dataDir = tempDir();
    const run = await runShell(
      [
        'readiness api production',
        'decide Nightly pg_dump of api to S3 --category database --service api --options "pg_dump; WAL archiving" --outcome pg_dump nightly',
        'decide Prometheus and Grafana for api --category monitoring --service api',
        'decide Secrets in Vault, RBAC per team --category security',
        'decide p99 latency under 300 ms --category success-criteria --service api',
        'decisions backup',
        'decision accept D-1',
        'decision accept D-2',
        'decision accept D-3',
        'decision accept D-4',
        'decide WAL archiving with point-in-time recovery --category database --service api',
        'decision accept D-5',
        'decision supersede D-1 D-5',
        'decision show D-1',
        'readiness api production',
        'decisions-export',
      ],
      { dataDir, args: ['--strict'] },
    );
    expect(run.code).toBe(0);
    const [before, after] = run.stdout.split('alice> decisions backup');
    expect(before).toMatch(/database[^\n]*(missing|no accepted)/i);
    expect(after).toMatch(/D-1[^\n]*Nightly pg_dump/);
    expect(after).toMatch(/D-1[\s\S]*superseded/);
    const readinessAfter = after!.slice(after!.lastIndexOf('alice> readiness api production'));
    expect(readinessAfter).toContain('D-5');
    expect(readinessAfter).not.toMatch(/missing/i);
    const exportDir = join(dataDir, 'decisions');
    expect(existsSync(exportDir)).toBe(true);
    const files = readFileSync(join(exportDir, 'index.md'), 'utf8');
    expect(files).toContain('D-5');
    expect(files).toContain('D-1');
  });
});
