import type { ReadTx } from '../../data/store.js';
import { allDecisions } from '../decisions/find.js';
import { decisionsWithDuty } from './find.js';
import { dutyKindOf, owesDuty } from './kinds.js';

export interface DutyGap {
  id: string;
  title: string;
  /** What the missing reminder would ask for (`restore test`). */
  duty: string;
}

/**
 * Accepted decisions for `service` (or for every service) of a category that creates a duty, with
 * no active or paused reminder holding it. Oldest first.
 */
export async function dutyGaps(tx: ReadTx, service: string): Promise<DutyGap[]> {
  const withDuty = await decisionsWithDuty(tx);
  const decisions = await allDecisions(tx);
  return decisions
    .filter((d) => owesDuty(d) && (d.service === undefined || d.service === service) && !withDuty.has(d.id))
    .map((d) => ({ id: d.id, title: d.title, duty: dutyKindOf(d.category)!.name }));
}
