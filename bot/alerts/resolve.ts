import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Tx } from '../../data/store.js';
import { illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { findOpenGroup } from './find.js';
import { updateGroup } from './publish.js';

/**
 * Closes a generic group by hand: generic senders may never send a resolve. Alertmanager and
 * Grafana groups resolve when their source says so, so they are refused here.
 */
export async function resolveByHand(ops: Ops, tx: Tx, id: string, who: string, now: Date): Promise<AlertGroupRecord> {
  const group = await findOpenGroup(tx, id);
  if (group.source !== 'generic') {
    throw illegalTransition(`${id} came from ${group.source}, which resolves it when the condition clears; silence it instead.`);
  }
  const at = now.toISOString();
  const alerts = Object.fromEntries(
    Object.entries(group.alerts).map(([fp, a]) => [fp, a.status === 'firing' ? { ...a, status: 'resolved' as const, endsAt: at, updatedAt: at } : a]),
  );
  return updateGroup(ops, tx, { ...group, alerts, status: 'resolved', resolvedAt: at, updatedAt: at, resolvedBy: who }, [`Resolved by hand by ${who}.`]);
}
