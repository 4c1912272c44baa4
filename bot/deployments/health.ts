import type { HealthCheckConfig } from './config-schema.js';

export type HealthResult = { ok: boolean; message: string } | 'stopped';

/**
 * Polls the URL until it answers 2xx or the timeout passes. `stillWanted` is asked before each
 * try, so a halted deployment stops being checked.
 */
export async function runHealthCheck(check: HealthCheckConfig, stillWanted: () => Promise<boolean>): Promise<HealthResult> {
  const deadline = Date.now() + check.timeoutSeconds * 1000;
  let last = 'no answer yet';
  for (;;) {
    if (!(await stillWanted())) return 'stopped';
    last = await probe(check.url, Math.min(check.intervalSeconds, check.timeoutSeconds) * 1000);
    if (last === 'ok') return { ok: true, message: `${check.url} answered 2xx.` };
    if (Date.now() + check.intervalSeconds * 1000 > deadline) {
      return { ok: false, message: `${check.url} was not healthy within ${check.timeoutSeconds}s (last: ${last}).` };
    }
    await new Promise((resolve) => setTimeout(resolve, check.intervalSeconds * 1000));
  }
}

async function probe(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
