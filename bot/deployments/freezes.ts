import type { FreezeRecord } from '../../data/records/freeze.js';
import type { ReadTx } from '../../data/store.js';
import { nextRun } from '../cron.js';
import { idNumber } from '../ids.js';

export interface ActiveFreeze {
  freeze: FreezeRecord;
  until: Date;
}

/** The window of `f` that covers `at`, if any. */
export function freezeWindow(f: FreezeRecord, at: Date): { from: Date; until: Date } | undefined {
  if (f.endedAt) return undefined;
  if (f.from && f.until) {
    const from = new Date(f.from);
    const until = new Date(f.until);
    return from <= at && at < until ? { from, until } : undefined;
  }
  if (f.cron && f.durationMs) {
    // The first start after (at - duration) is the only one whose window can still cover `at`.
    const start = nextRun(f.cron, f.tz ?? 'UTC', new Date(at.getTime() - f.durationMs));
    return start <= at ? { from: start, until: new Date(start.getTime() + f.durationMs) } : undefined;
  }
  return undefined;
}

export async function freezesOf(tx: ReadTx, env?: string): Promise<FreezeRecord[]> {
  const open = await tx.list('freeze', { where: (f) => !f.endedAt && (env === undefined || f.env === env) });
  return open.sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** The freeze holding `env` at `at` that ends last. */
export async function activeFreeze(tx: ReadTx, env: string, at: Date): Promise<ActiveFreeze | undefined> {
  let best: ActiveFreeze | undefined;
  for (const freeze of await freezesOf(tx, env)) {
    const window = freezeWindow(freeze, at);
    if (window && (!best || window.until > best.until)) best = { freeze, until: window.until };
  }
  return best;
}
