import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { runKey, runNoteKey } from './keys.js';
import { runMessage } from './message.js';

const FINAL = new Set(['succeeded', 'failed', 'denied']);

export async function saveRun(ops: Ops, tx: Tx, run: RunbookRunRecord): Promise<void> {
  await tx.put('runbookRun', run, { closed: FINAL.has(run.state) });
  await ops.outbox.edit(tx, runKey(run.id), runMessage(run));
}

/** A line in the run's thread; returns the run with its counter advanced (stored). */
export async function runNote(ops: Ops, tx: Tx, run: RunbookRunRecord, text: string): Promise<RunbookRunRecord> {
  const next = { ...run, posts: run.posts + 1 };
  await tx.put('runbookRun', next, { closed: FINAL.has(next.state) });
  await ops.outbox.post(tx, { channel: run.channel, key: runNoteKey(run.id, next.posts), thread: runKey(run.id), message: { text } });
  return next;
}
