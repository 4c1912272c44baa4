import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runShell } from './run-shell.js';

const cli = promisify(execFile);

describe('Day-2 incidents in the shell', () => {
  it('declares, updates, resolves and exports the postmortem', async () => {
    const dataDir = tempDir();
    const run = await runShell(
      [
        'incident declare Checkout returns 502 --sev 2 --service api',
        'incident update INC-1 Rolled back; errors falling',
        'incident note INC-1 Status page updated',
        'incident resolve INC-1 --summary Bad config in 1.4.2',
        'incident postmortem INC-1',
      ],
      { dataDir, args: ['--strict'] },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/── #incidents ── message \d+\n.*INC-1/);
    expect(run.stdout).toMatch(/#incidents › thread of message \d+[\s\S]*Rolled back; errors falling/);
    expect(run.stdout).toMatch(/resolved/i);
    const file = join(dataDir, 'INC-1.md');
    const cwd = new URL('../..', import.meta.url).pathname;
    const out = await cli('node', ['bin/dayops.js', 'export-postmortem', 'INC-1', file], { cwd, env: { ...process.env, DAYOPS_DATA_DIR: dataDir, DAYOPS_CONFIG: '' } });
    expect(out.stdout).toContain(`Wrote the postmortem of INC-1 to ${file}.`);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('Checkout returns 502');
    expect(markdown).toMatch(/## Timeline[\s\S]*Rolled back; errors falling[\s\S]*Status page updated/);
    expect(markdown).toMatch(/## Action items/i);
  });
});
