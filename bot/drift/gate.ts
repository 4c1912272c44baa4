import type { ReadTx } from '../../data/store.js';
import { openAlertGroups } from '../alerts/open-groups.js';
import type { Ops } from '../ops.js';

/**
 * `requireNoDrift`: the sentence that refuses a deployment while the environment has an open
 * drift finding (accepted ones are resolved), naming it; nothing when there is none, or when the
 * only one is the finding this deployment syncs back.
 */
export async function driftRefusal(ops: Ops, tx: ReadTx, env: string, syncs?: string): Promise<string | undefined> {
  if (!ops.config.environments[env]?.requireNoDrift) return undefined;
  const open = await openDriftFindings(ops, tx, env);
  const blocking = open.filter((g) => g.id !== syncs);
  const first = blocking[0];
  if (!first) return undefined;
  const more = blocking.length > 1 ? ` and ${blocking.length - 1} more` : '';
  return `${env} requires no drift, and ${first.id} is open: ${first.title}${more}. Sync or Accept it first (type drift to see it).`;
}

export async function openDriftFindings(ops: Ops, tx: ReadTx, env: string) {
  return (await openAlertGroups(ops, tx, { env })).filter((g) => g.source === 'drift');
}
