/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/** True for a serialization failure or a deadlock, also when wrapped as another error's cause. */
export function isRetryable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return true;
  }
  return false;
}

/** Full jitter, so transactions that collided do not collide again in step. */
export function retryPause(attempt: number, random: () => number = Math.random): Promise<void> {
  const ceiling = Math.min(2 * 2 ** attempt, 250);
  return new Promise((resolve) => setTimeout(resolve, Math.round(ceiling * random())));
}

/** Enough for heavy contention (a thousand jobs on three replicas); a real deadlock loop ends. */
export const MAX_ATTEMPTS = 60;
