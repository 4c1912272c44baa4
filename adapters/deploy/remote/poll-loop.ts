import type { ActiveRun } from './active-runs.js';
import { backoff, pause } from './timing.js';

export interface PollFailure {
  /** Transient failures (5xx, rate limits, timeouts, a dropped connection) are retried, never trusted. */
  transient: boolean;
  message: string;
}

export interface PollOptions {
  intervalMs: number;
  maxBackoffMs: number;
  /** Says whether an error thrown by `step` is worth retrying, and how to describe it. */
  classify: (err: unknown) => PollFailure;
}

/**
 * Calls `step` every interval until the run has a final status or is stopped. A transient error
 * backs off and tries again (said once in the log lines); any other error fails the run.
 */
export async function pollLoop(run: ActiveRun, options: PollOptions, step: () => Promise<void>): Promise<void> {
  let failures = 0;
  while (!run.finished() && !run.signal.aborted) {
    let wait = options.intervalMs;
    try {
      await step();
      if (failures > 0) run.emit({ type: 'log', line: 'The engine answers again; following the run.' });
      failures = 0;
    } catch (err) {
      if (run.signal.aborted || run.finished()) return;
      const failure = options.classify(err);
      if (!failure.transient) {
        run.emit({ type: 'status', status: 'failed', message: failure.message });
        return;
      }
      failures++;
      if (failures === 1) run.emit({ type: 'log', line: `${failure.message}; retrying.` });
      wait = backoff(options.intervalMs, failures, options.maxBackoffMs);
    }
    if (run.finished() || !(await pause(wait, run.signal))) return;
  }
}

/** Starts a loop in the background; a bug inside it fails the run instead of going unhandled. */
export function runInBackground(run: ActiveRun, loop: () => Promise<void>): void {
  loop().catch((err: unknown) => {
    run.emit({ type: 'status', status: 'failed', message: `The engine stopped following the run: ${(err as Error).message}` });
  });
}
