import type { DecisionRecord, DecisionStatus } from '../../data/records/decision.js';
import type { Tx } from '../../data/store.js';
import { illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import type { DecisionActor } from './actor.js';
import { getDecision } from './find.js';
import { decisionKey } from './keys.js';
import { decisionMessage } from './message.js';

/** Accepts a proposed decision; the person accepting joins its decision makers. */
export async function acceptDecision(ops: Ops, tx: Tx, id: string, actor: DecisionActor, reason?: string): Promise<DecisionRecord> {
  const decision = await getDecision(tx, id);
  requireProposed(decision, 'accepted');
  const makers = decision.decisionMakers.includes(actor.person) ? decision.decisionMakers : [...decision.decisionMakers, actor.person];
  const changed = withStatus({ ...decision, decisionMakers: makers }, 'accepted', actor, reason);
  await save(ops, tx, changed);
  tx.audit(actor.audit('decision.accept', id, `accepted ${id}${because(reason)}`));
  if (!changed.replaces) return changed;
  // A change proposed from a postmortem replaces its decision once accepted, if that still holds.
  const older = await tx.get('decision', changed.replaces);
  if (older?.status !== 'accepted' && older?.status !== 'needs-review') return changed;
  const why = changed.incident ? `changed after ${changed.incident}` : reason;
  return (await supersedeDecision(ops, tx, older.id, changed.id, actor, why)).newer;
}

export async function rejectDecision(ops: Ops, tx: Tx, id: string, actor: DecisionActor, reason?: string): Promise<DecisionRecord> {
  const decision = await getDecision(tx, id);
  requireProposed(decision, 'rejected');
  const changed = withStatus(decision, 'rejected', actor, reason);
  await save(ops, tx, changed);
  tx.audit(actor.audit('decision.reject', id, `rejected ${id}${because(reason)}`));
  return changed;
}

/** `newer` replaces `older`: both must be accepted; they are linked both ways and `older` ends superseded. */
export async function supersedeDecision(
  ops: Ops,
  tx: Tx,
  olderId: string,
  newerId: string,
  actor: DecisionActor,
  reason?: string,
): Promise<{ older: DecisionRecord; newer: DecisionRecord }> {
  if (olderId === newerId) throw illegalTransition(`${olderId} cannot supersede itself; name two different decisions.`);
  const older = await getDecision(tx, olderId);
  const newer = await getDecision(tx, newerId);
  if (older.status !== 'accepted' && older.status !== 'needs-review') {
    throw illegalTransition(`${older.id} is ${older.status}; only an accepted decision (or one that needs review) can be superseded.`);
  }
  if (newer.status !== 'accepted') {
    throw illegalTransition(`${newer.id} is ${newer.status}; accept it before it supersedes ${older.id}.`);
  }
  if (newer.supersedes) throw illegalTransition(`${newer.id} already supersedes ${newer.supersedes}.`);
  const at = actor.now.toISOString();
  const changedOlder = withStatus({ ...older, supersededBy: newer.id }, 'superseded', actor, reason);
  const changedNewer: DecisionRecord = { ...newer, supersedes: older.id, updatedAt: at };
  await save(ops, tx, changedOlder);
  await save(ops, tx, changedNewer);
  tx.audit(actor.audit('decision.supersede', older.id, `${newer.id} supersedes ${older.id}${because(reason)}`));
  return { older: changedOlder, newer: changedNewer };
}

function requireProposed(decision: DecisionRecord, wanted: 'accepted' | 'rejected'): void {
  if (decision.status === 'proposed') return;
  const verb = wanted === 'accepted' ? 'accepted' : 'rejected';
  const already = decision.status === wanted ? 'already ' : '';
  throw illegalTransition(`${decision.id} is ${already}${decision.status}; only proposed decisions can be ${verb}.`);
}

function withStatus(d: DecisionRecord, status: DecisionStatus, actor: DecisionActor, reason: string | undefined): DecisionRecord {
  const at = actor.now.toISOString();
  const { statusReason: _previous, ...rest } = d;
  return {
    ...rest,
    ...(reason ? { statusReason: reason } : {}),
    status,
    updatedAt: at,
    history: [...d.history, { status, by: actor.person, at, ...(reason ? { reason } : {}) }],
  };
}

/** Stores the decision and edits its message in place, in the same transaction. */
async function save(ops: Ops, tx: Tx, decision: DecisionRecord): Promise<void> {
  await tx.put('decision', decision);
  await ops.outbox.edit(tx, decisionKey(decision.id), decisionMessage(decision));
}

function because(reason: string | undefined): string {
  return reason ? `: ${reason}` : '';
}
