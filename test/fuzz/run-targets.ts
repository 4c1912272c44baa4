import fc from 'fast-check';
import type { FuzzTarget } from './targets.js';

export interface FuzzResult {
  target: string;
  cases: number;
  failed: boolean;
  /** The counterexample and error when a case failed, for the report. */
  failure?: string;
  seed: number;
  outcomes?: Record<string, number>;
}

/** Runs one target for `numRuns` cases and reports how it went instead of throwing. */
export async function runTarget(target: FuzzTarget, numRuns: number, seed: number): Promise<FuzzResult> {
  const run = await target.setup();
  try {
    const details = await run.check(numRuns, seed);
    const failure = details.failed ? `${String(details.error ?? '')}\ncounterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}` : undefined;
    const outcomes = run.outcomes ? Object.fromEntries([...run.outcomes].sort()) : undefined;
    return { target: target.name, cases: details.numRuns, failed: details.failed, seed, ...(failure ? { failure } : {}), ...(outcomes ? { outcomes } : {}) };
  } finally {
    await run.teardown();
  }
}
