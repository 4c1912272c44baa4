import { setTimeout as sleepFor } from 'node:timers/promises';

/** Waits `ms`; resolves false instead of throwing when the signal ends the wait. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleepFor(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Doubling delay after consecutive failures, from the poll interval up to `maxMs`. */
export function backoff(baseMs: number, failures: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), Math.max(baseMs, maxMs));
}

/** A signal that ends with the run or after `timeoutMs`, whichever comes first. */
export function withTimeout(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

/** Timing knobs shared by the remote engines; tests shrink them. */
export interface RemoteTiming {
  /** Each HTTP request is abandoned (and retried when polling) after this long. */
  requestTimeoutMs: number;
  /** The longest wait between retries of a poll that keeps failing. */
  maxBackoffMs: number;
}

export const DEFAULT_TIMING: RemoteTiming = { requestTimeoutMs: 30_000, maxBackoffMs: 120_000 };
