import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { ROOT } from './process.js';
import { runShell } from './run-shell.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## A walk through the shell'));

/** The walk's transcript, and the lines typed in it (after the `name> ` prompt). */
function walk(): { transcript: string[]; typed: string[] } {
  const block = /```text\n([\s\S]*?)```/.exec(section)![1]!;
  const transcript = block.trimEnd().split('\n');
  const typed = transcript.flatMap((line) => /^[a-z]+> (.*)$/.exec(line)?.[1] ?? []);
  return { transcript, typed };
}

/** The lines the README says to paste after the walk. */
function tryNext(): string[] {
  return /```sh\n([\s\S]*?)```/.exec(section)![1]!.trimEnd().split('\n');
}

/** Times and message numbers depend on the day and on the machine; nothing else may differ. */
function normal(line: string): string {
  return line.replace(/\d{4}-\d\d-\d\d \d\d:\d\d [A-Z]+/g, '<time>').replace(/message \d+/g, 'message <n>').trimEnd();
}

describe("the README's walk, piped verbatim", () => {
  it('prints what the README shows, and the lines to try next all succeed', { timeout: 240_000 }, async () => {
    const { transcript, typed } = walk();
    expect(typed.length).toBeGreaterThan(3);
    const run = await runShell([...typed, ...tryNext()], { dataDir: tempDir(), timeoutMs: 200_000 });
    expect(run.stderr).toBe('');
    // The log goes to <dataDir>/dayops.log, never between the shell's lines.
    expect(run.stdout).not.toContain('{"level"');
    expect(run.code).toBe(0);
    // Every line the README shows appears, in order; `…` stands for lines left out.
    const printed = run.stdout.split('\n').map(normal);
    let at = 0;
    for (const line of transcript.map(normal).filter((l) => l.trim() !== '…')) {
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (in order): ${line}\n--- printed:\n${run.stdout}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // What the lines to try next do, each as the README says.
    const after = run.stdout.slice(run.stdout.indexOf('bob> click 1'));
    expect(after).toContain("✔ bob accepted D-1");
    expect(after).toContain('• DEP-2 halted.');
    expect(after).toContain('• DEP-3 failed.');
    expect(after).toMatch(/DEP-4 · api 1\.4\.2 → staging/);
    expect(after).toContain('• DEP-4 succeeded.');
    expect(after).not.toMatch(/There is no|not allowed|cannot/);
  });
});
