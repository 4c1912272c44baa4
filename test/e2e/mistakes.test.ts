import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { dayops } from './process.js';

/** A mistake a person can make: one sentence on stderr, no stack trace, a non-zero exit. */
async function oneSentence(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const run = dayops(args, env);
  run.child.stdin.end();
  const code = await run.exited;
  // serve logs JSON lines to stderr, as a service does; what is left is for the person.
  const said = run.stderr().split('\n').filter((line) => line !== '' && !line.startsWith('{"level"'));
  expect(said.join('\n')).not.toMatch(/\s+at |Error:/);
  expect(said).toHaveLength(1);
  return { code, stderr: `${said[0]}\n` };
}

describe('common mistakes get one sentence', { timeout: 120_000 }, () => {
  it('the HTTP port already in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, stderr } = await oneSentence(['serve'], { DAYOPS_DATA_DIR: tempDir(), DAYOPS_PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toBe(`dayops: Port 127.0.0.1:${port} is already in use by another program. Stop it, or set DAYOPS_PORT (or http.port in the config) to a free port.\n`);
    } finally {
      taken.close();
    }
  });

  it('export-audit into a folder that does not exist', async () => {
    const dir = tempDir();
    const file = join(dir, 'missing', 'audit.jsonl');
    const { code, stderr } = await oneSentence(['export-audit', file], { DAYOPS_DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dayops: .*missing.*\n$/);
  });

  it('export-decisions onto a file that is not a folder', async () => {
    const dir = tempDir();
    const file = join(dir, 'decisions.md');
    writeFileSync(file, 'mine');
    const { code, stderr } = await oneSentence(['export-decisions', file], { DAYOPS_DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toBe(`dayops: Cannot write ${file}: ${file} already exists and is not a folder; name a folder to write into.\n`);
  });
});
