import type { CheckOp, DecisionCheck, DecisionRecord } from '../../data/records/decision.js';
import type { Tx } from '../../data/store.js';
import type { DecisionActor } from '../decisions/actor.js';
import { getDecision } from '../decisions/find.js';
import { decisionKey } from '../decisions/keys.js';
import { decisionMessage } from '../decisions/message.js';
import { badInput, illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { parseDuration } from '../time.js';
import { describeCheck } from './compare.js';
import { ensureEvaluationJob } from './jobs.js';

/** Categories whose decisions may carry checks. */
export const CHECKED_CATEGORIES = ['success-criteria', 'monitoring'] as const;

/** A check can be added to a decision that is still to be decided or already holds, at most ten. */
const MAX_CHECKS = 10;

export interface NewCheck {
  name: string;
  query: string;
  op: CheckOp;
  threshold: number;
  window: string;
}

export async function addCheck(ops: Ops, tx: Tx, id: string, input: NewCheck, actor: DecisionActor): Promise<DecisionRecord> {
  const d = await getDecision(tx, id);
  if (!(CHECKED_CATEGORIES as readonly string[]).includes(d.category)) {
    throw badInput(`${d.id} is a ${d.category} decision; checks belong to ${CHECKED_CATEGORIES.join(' and ')} decisions.`);
  }
  if (d.status === 'rejected' || d.status === 'superseded') throw illegalTransition(`${d.id} is ${d.status}; its checks would never be evaluated.`);
  if ((d.checks?.length ?? 0) >= MAX_CHECKS) throw badInput(`${d.id} already has ${MAX_CHECKS} checks; that is the most a decision carries.`);
  parseDuration(input.window);
  if (input.query.trim() === '') throw badInput('The query is empty; give a PromQL expression.');
  const check: DecisionCheck = { ...input, query: input.query.trim() };
  const next: DecisionRecord = { ...d, checks: [...(d.checks ?? []), check], updatedAt: actor.now.toISOString() };
  await tx.put('decision', next);
  await ops.outbox.edit(tx, decisionKey(d.id), decisionMessage(next));
  await ensureEvaluationJob(ops, tx);
  tx.audit(actor.audit('decision.check', d.id, `added a check to ${d.id}: ${describeCheck(check)}`));
  return next;
}
