import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { formatRelative, formatTime, parseDuration } from '../time.js';
import { shiftsOf } from './query.js';

/**
 * A production deploy asked for in the last minutes of the requester's own shift: they will not
 * be on call when it breaks, so it takes an explicit confirmation. Returns the sentence that asks.
 */
export async function shiftEndRefusal(ops: Pick<Ops, 'config' | 'people'>, tx: ReadTx, input: { env: string; person?: string; now: Date; confirmed: boolean }): Promise<string | undefined> {
  const { env, person, now, confirmed } = input;
  if (confirmed || !person || !(env === 'production' || ops.people.isProtected(env))) return undefined;
  const windowMs = parseDuration(ops.config.oncall.lastMinutesConfirm);
  const ending = (await shiftsOf(ops, tx, person, now, 1)).find((s) => s.start <= now && s.end.getTime() - now.getTime() <= windowMs);
  if (!ending) return undefined;
  const tz = ending.schedule.timezone;
  return `Your ${ending.schedule.name} ${ending.level} shift ends at ${formatTime(ending.end, tz)} (${formatRelative(ending.end, now)}), so someone else will be on call if this deploy breaks. Deploy anyway with --confirm, or after handing over.`;
}
