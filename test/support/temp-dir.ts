import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

const made = new Set<string>();
// Directories made in a hook or at collection time, where onTestFinished is not available.
afterEach(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
});

/** A fresh temporary directory, removed when the test that made it finishes. */
export function tempDir(prefix = 'dayops-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    made.add(dir);
  }
  return dir;
}
