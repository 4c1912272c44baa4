import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Tx } from '../../data/store.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { launchRun } from './execute.js';
import { runKey } from './keys.js';
import { runMessage } from './message.js';
import { getRunbook, runEnv } from './policy.js';

export interface RunRequest {
  runbook: string;
  env?: string;
  args: Record<string, string>;
  /** Where the summary goes; the output streams into its thread. */
  channel: string;
  reminder?: string;
}

/**
 * Records a run and posts its message; it starts once the transaction commits, or waits for
 * the approvals its runbook requires.
 */
export async function startRunbook(ops: Ops, tx: Tx, request: RunRequest, by: Doer): Promise<RunbookRunRecord> {
  const runbook = getRunbook(ops, request.runbook);
  const env = runEnv(ops, request.runbook, request.env);
  const id = formatId('runbookRun', await tx.nextNumber('runbookRun'));
  const at = by.now.toISOString();
  const waits = runbook.approvals > 0;
  const run: RunbookRunRecord = {
    id,
    runbook: request.runbook,
    env,
    args: request.args,
    state: waits ? 'awaiting_approval' : 'running',
    requestedBy: by.name,
    approvals: [],
    approvalsRequired: runbook.approvals,
    channel: request.channel,
    ...(request.reminder ? { reminder: request.reminder } : {}),
    logTail: [],
    posts: 0,
    createdAt: at,
    ...(waits ? {} : { startedAt: at }),
  };
  await tx.put('runbookRun', run);
  await ops.outbox.post(tx, { channel: run.channel, key: runKey(id), message: runMessage(run) });
  const args = Object.entries(run.args).map(([k, v]) => ` ${k}=${v}`).join('');
  tx.audit(by.audit('runbook.run', id, `asked to run ${run.runbook} in ${env}${args ? ` with${args}` : ''}${waits ? `; needs ${runbook.approvals} approval(s)` : ''}`));
  if (!waits) tx.afterCommit(() => launchRun(ops, id));
  return run;
}
