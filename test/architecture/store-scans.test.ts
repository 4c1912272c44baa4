import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sources } from './sources.js';

/** `inspect` hands out a transaction that may scan whole kinds; `scan` is that scan. */
const SCAN = /\.(inspect|scan)\s*\(/;

describe('architecture: the store is queried, not scanned', () => {
  it('keeps whole-kind scans out of commands, jobs, adapters and the composition', () => {
    const scanners = ['bot', 'commands', 'adapters', 'bin'].flatMap(sources).filter((file) => SCAN.test(readFileSync(join(root, file), 'utf8')));
    // The audit counter wraps the whole Store, so it passes `inspect` through for the tools.
    expect(scanners).toEqual(['bot/metrics-audit.ts']);
  });

  it('recognises a scan (the check itself works)', () => {
    expect(SCAN.test("store.inspect((tx) => tx.scan('outbox'))")).toBe(true);
    expect(SCAN.test("tx.query('outbox.heads', {})")).toBe(false);
  });
});
