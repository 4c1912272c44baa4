import type { ReadTx } from '../../data/store.js';
import { matchesAll } from './matchers.js';

/**
 * The maintenance window or chat silence in force for these labels, if any: its id. Judged by
 * time rather than by job state, so a window is honoured even before its start job has run.
 */
export async function mutingFor(tx: ReadTx, labels: Record<string, string>, now: Date): Promise<string | undefined> {
  const t = now.getTime();
  const inForce = (r: { startsAt: string; endsAt: string; matchers: Parameters<typeof matchesAll>[0] }) =>
    Date.parse(r.startsAt) <= t && t < Date.parse(r.endsAt) && matchesAll(r.matchers, labels);
  const [window] = await tx.list('maintenance', { where: (m) => m.state !== 'ended' && inForce(m) });
  if (window) return window.id;
  const [silence] = await tx.list('silence', { where: (s) => !s.expiredAt && inForce(s) });
  return silence?.id;
}
