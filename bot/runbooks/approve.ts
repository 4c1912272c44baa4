import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Tx } from '../../data/store.js';
import { illegalTransition, notFound } from '../errors.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { launchRun } from './execute.js';
import { runNote, saveRun } from './save.js';

async function awaiting(tx: Tx, id: string): Promise<RunbookRunRecord> {
  const run = await tx.get('runbookRun', id);
  if (!run) throw notFound(`There is no runbook run ${id}.`);
  if (run.state !== 'awaiting_approval') throw illegalTransition(`${id} is ${run.state.replace('_', ' ')}; only a run awaiting approval can be approved or denied.`);
  return run;
}

/** One approval from someone other than the requester; the last one needed starts the run. */
export async function approveRun(ops: Ops, tx: Tx, id: string, by: Doer): Promise<RunbookRunRecord> {
  const run = await awaiting(tx, id);
  if (run.requestedBy === by.name) throw illegalTransition(`You asked for ${id}; someone else has to approve it.`);
  if (run.approvals.some((a) => a.by === by.name)) throw illegalTransition(`You already approved ${id}.`);
  const approvals = [...run.approvals, { by: by.name, at: by.now.toISOString() }];
  const ready = approvals.length >= run.approvalsRequired;
  const next: RunbookRunRecord = { ...run, approvals, ...(ready ? { state: 'running', startedAt: by.now.toISOString() } : {}) };
  await saveRun(ops, tx, next);
  await runNote(ops, tx, next, `Approved by ${by.name}${ready ? '; starting.' : '.'}`);
  tx.audit(by.audit('runbook.approve', id, `approved ${id}`));
  if (ready) tx.afterCommit(() => launchRun(ops, id));
  return next;
}

export async function denyRun(ops: Ops, tx: Tx, id: string, by: Doer): Promise<RunbookRunRecord> {
  const run = await awaiting(tx, id);
  const next: RunbookRunRecord = { ...run, state: 'denied', result: `Denied by ${by.name}.`, finishedAt: by.now.toISOString() };
  await saveRun(ops, tx, next);
  tx.audit(by.audit('runbook.deny', id, `denied ${id}`));
  return next;
}
