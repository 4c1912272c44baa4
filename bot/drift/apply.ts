import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Tx } from '../../data/store.js';
import { updateGroup } from '../alerts/publish.js';
import { illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { startRunbook } from '../runbooks/start.js';
import { openDriftFinding } from './accept.js';
import { findingLabels } from './finding.js';

/**
 * Apply: the drift check's apply runbook runs in the finding's environment, through that
 * runbook's approvals; its output streams into the run's own thread. The finding resolves when
 * the next check finds no changes.
 */
export async function applyDrift(ops: Ops, tx: Tx, id: string, by: Doer): Promise<RunbookRunRecord> {
  const group = await openDriftFinding(tx, id);
  const labels = findingLabels(group);
  if (labels.drift !== 'runbook' || !labels.apply || !group.env) throw illegalTransition(`${id} names no apply runbook; Sync or Accept it instead.`);
  const run = await startRunbook(ops, tx, { runbook: labels.apply, env: group.env, args: {}, channel: group.channels[0]! }, by);
  const waits = run.state === 'awaiting_approval' ? `, waiting for ${run.approvalsRequired} approval(s)` : '';
  await updateGroup(ops, tx, group, [`${by.name} asked to apply: ${run.id} runs ${labels.apply} in ${group.env}${waits}. The next ${labels.runbook ?? 'check'} resolves this finding once it finds no changes.`]);
  tx.audit(by.audit('drift.apply', id, `asked to apply ${group.title} with ${run.id} (${labels.apply})`));
  return run;
}
