import { describe, expect, it } from 'vitest';
import { runTarget } from './run-targets.js';
import { FUZZ_TARGETS } from './targets.js';

/** A short run with a fixed seed; `npm run fuzz` runs the same properties much longer. */
const SEED = 424242;
const RUNS: Record<string, number> = { 'HTTP routes (Slack, Discord, webhooks, pipeline API)': 60, router: 150, 'config loader': 100 };

describe('fuzzing with a fixed seed', () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: never throws past the boundary, answers clearly, writes nothing on rejection`, async () => {
      const result = await runTarget(target, RUNS[target.name] ?? 300, SEED);
      expect(result.failure).toBeUndefined();
      expect(result.failed).toBe(false);
    }, 120_000);
  }
});
