import type { HttpServer } from './server.js';

/** Resolves with a reason when the part is not ready, undefined when it is. */
export type ReadinessCheck = () => Promise<string | undefined>;

const CHECK_TIMEOUT_MS = 2000;

/**
 * What /readyz reports: checks run at request time (the store answers) and states parts report
 * as they change (a chat connection is up). Not ready while any part has a reason.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly states = new Map<string, string | undefined>();
  private readonly notes = new Map<string, () => Promise<number>>();

  check(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** A figure shown beside the parts that does not make dayops unready (messages refused for good). */
  note(name: string, read: () => Promise<number>): void {
    this.notes.set(name, read);
  }

  async figures(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    // A figure that cannot be read now (the store is down) is left out; the parts say why.
    for (const [name, read] of this.notes) {
      const value = await runCheck(async () => String(await read()));
      if (value !== undefined && /^\d+$/.test(value)) out[name] = Number(value);
    }
    return out;
  }

  /** `reason` undefined: the part is ready. */
  set(name: string, reason: string | undefined): void {
    this.states.set(name, reason);
  }

  async report(): Promise<{ ready: boolean; parts: Record<string, string> }> {
    const parts: Record<string, string> = {};
    const results = await Promise.all([...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const));
    for (const [name, reason] of [...results, ...this.states]) parts[name] = reason ?? 'ok';
    return { ready: Object.values(parts).every((v) => v === 'ok'), parts };
  }
}

async function runCheck(check: ReadinessCheck): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch((err: unknown) => (err instanceof Error ? err.message : String(err))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /readyz: 200 when every part is ready, 503 with each part's reason otherwise. */
export function mountReadyz(http: HttpServer, readiness: Readiness): void {
  http.route('GET', '/readyz', async () => {
    const [{ ready, parts }, figures] = await Promise.all([readiness.report(), readiness.figures()]);
    return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', parts, ...figures } };
  });
}
