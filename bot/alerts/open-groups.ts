import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';

export interface OpenGroupFilter {
  service?: string;
  env?: string;
  severity?: string;
}

/**
 * Firing groups, optionally for one service, environment or severity (as named by the labels
 * the config picks). Deployments use it as a gate, incidents for what is firing. Groups muted by
 * a maintenance window are included: they still fire; check `mutedBy` to tell.
 */
export async function openAlertGroups(_ops: Ops, tx: ReadTx, filter: OpenGroupFilter = {}): Promise<AlertGroupRecord[]> {
  const groups = await tx.query('alertGroup.open', { status: 'firing', ...(filter.service === undefined ? {} : { service: filter.service }) });
  return groups.filter((g) => (filter.env === undefined || g.env === filter.env) && (filter.severity === undefined || g.severity === filter.severity));
}
