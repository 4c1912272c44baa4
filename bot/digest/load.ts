import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import type { Ops } from '../ops.js';
import type { DigestRecords } from './compute.js';
import type { DigestWindow } from './window.js';

/**
 * The records a digest of `w` can need. History is read from the archive too, but only what was
 * touched since the window began: anything older cannot have ended, opened or resolved in it.
 */
export async function loadDigestRecords(ops: Ops, tx: ReadTx, w: DigestWindow): Promise<DigestRecords> {
  const since = w.from.toISOString();
  const deployments = await tx.query('deployment.changedSince', { since });
  const incidents = await tx.query('incident.since', { since });
  return {
    deployments,
    incidents,
    alertGroups: await openAlertGroups(ops, tx),
    maintenance: await tx.list('maintenance'),
    reminders: await tx.list('reminder', { where: (r) => r.state === 'active' }),
    budgets: await tx.list('budget'),
  };
}
