import type { ReadTx } from '../../data/store.js';
import type { Field } from '../model.js';
import type { Ops } from '../ops.js';
import { openDriftFindings } from './gate.js';

/** The readiness lines of the environments that require no drift, and whether all are clear. */
export async function driftReadiness(ops: Ops, tx: ReadTx, envs: readonly string[]): Promise<{ fields: Field[]; clear: boolean }> {
  const fields: Field[] = [];
  let clear = true;
  for (const env of envs) {
    if (!ops.config.environments[env]?.requireNoDrift) continue;
    const open = await openDriftFindings(ops, tx, env);
    if (open.length > 0) clear = false;
    fields.push({
      label: `${env}: ${open.length === 0 ? 'no drift' : `${open.length} drift finding${open.length === 1 ? '' : 's'} open`}`,
      value: open.length === 0 ? '✓ no open drift finding' : open.map((g) => `✗ ${g.id} ${g.title} (Sync or Accept it)`).join('\n'),
    });
  }
  return { fields, clear };
}
