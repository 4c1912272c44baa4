import type { CheckEvaluationRecord } from '../../data/records/check-evaluation.js';
import type { CheckResult, CheckState, DecisionRecord } from '../../data/records/decision.js';
import type { ReadTx, Tx } from '../../data/store.js';
import type { DecisionActor } from '../decisions/actor.js';
import { decisionKey } from '../decisions/keys.js';
import { decisionMessage } from '../decisions/message.js';
import { serviceChannel } from '../decisions/service-channel.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import { judge, queryText } from './compare.js';
import { NO_BACKEND } from './metric-query.js';

export interface Evaluation {
  decision: DecisionRecord;
  state: CheckState;
  /** `name: message` of each check, for a deployment's thread. */
  lines: string[];
}

/** Decisions whose checks are evaluated: accepted or needing review, with at least one check. */
export function isChecked(d: DecisionRecord): boolean {
  return (d.status === 'accepted' || d.status === 'needs-review') && (d.checks?.length ?? 0) > 0;
}

/** Decisions with checks to evaluate: the accepted ones and those that need review, from the status index. */
export async function checkedDecisions(tx: ReadTx): Promise<DecisionRecord[]> {
  const [accepted, review] = await Promise.all([tx.query('decision.search', { status: 'accepted' }), tx.query('decision.search', { status: 'needs-review' })]);
  return [...accepted, ...review].filter(isChecked);
}

/**
 * Queries every check of the decision (outside any transaction), then in one transaction keeps
 * the evaluation as history, records each check's last result, and moves the decision: a breach
 * marks it needs review and says so in the service channel; all passing again clears it.
 * Unknown results change nothing.
 */
export async function evaluateDecision(ops: Ops, id: string, trigger: string): Promise<Evaluation | undefined> {
  const before = await ops.store.read((tx) => tx.get('decision', id));
  if (!before || !isChecked(before)) return undefined;
  const backend = ops.metricQuery ?? NO_BACKEND;
  const results: CheckResult[] = [];
  for (const check of before.checks!) results.push(judge(check, await backend.instant(queryText(check)), ops.clock.now()));
  return ops.store.transact(async (tx) => {
    const current = await tx.get('decision', id);
    if (!current || !isChecked(current)) return undefined;
    const checks = current.checks!.map((c, i) => (results[i] ? { ...c, last: results[i] } : c));
    const state = overall(results);
    const evaluated = await moveForResults(ops, tx, { ...current, checks }, state, trigger);
    await keepHistory(tx, evaluated, trigger, state);
    return { decision: evaluated, state, lines: checks.map((c) => `${c.name}: ${c.last?.state ?? 'unknown'} (${c.last?.message ?? 'not evaluated'})`) };
  });
}

function overall(results: CheckResult[]): CheckState {
  if (results.some((r) => r.state === 'breached')) return 'breached';
  return results.every((r) => r.state === 'passed') ? 'passed' : 'unknown';
}

async function moveForResults(ops: Ops, tx: Tx, d: DecisionRecord, state: CheckState, trigger: string): Promise<DecisionRecord> {
  const now = ops.clock.now();
  const actor = systemActor(now);
  const after = trigger === 'schedule' ? '' : ` after ${trigger}`;
  let next = d;
  if (state === 'breached' && d.status === 'accepted') {
    const breached = d.checks!.filter((c) => c.last?.state === 'breached').map((c) => `${c.name}: ${c.last!.message}`);
    const reason = `check breached${after}: ${breached.join('; ')}`;
    next = withStatus(d, 'needs-review', now, reason);
    await ops.outbox.post(tx, { channel: serviceChannel(ops, d), key: `${decisionKey(d.id)}:review:${d.history.length}`, message: { tone: 'danger', title: `${d.id} needs review: ${d.title}`, text: `A success criterion is breached${after}: ${breached.join('; ')}.`, mentions: [{ person: d.owner }] } });
    tx.audit(actor.audit('decision.review', d.id, `${d.id} needs review: ${reason}`));
  } else if (state === 'passed' && d.status === 'needs-review') {
    next = withStatus(d, 'accepted', now, `every check passes again${after}`);
    await ops.outbox.post(tx, { channel: serviceChannel(ops, d), key: `${decisionKey(d.id)}:review:${d.history.length}`, message: { tone: 'success', text: `${d.id} (${d.title}) passes its checks again${after}; it is accepted again.` } });
    tx.audit(actor.audit('decision.recover', d.id, `${d.id} passes its checks again`));
  }
  await tx.put('decision', next);
  await ops.outbox.edit(tx, decisionKey(d.id), decisionMessage(next));
  return next;
}

function withStatus(d: DecisionRecord, status: 'needs-review' | 'accepted', now: Date, reason: string): DecisionRecord {
  const at = now.toISOString();
  return { ...d, status, statusReason: reason, updatedAt: at, history: [...d.history, { status, by: 'dayops', at, reason }] };
}

async function keepHistory(tx: Tx, d: DecisionRecord, trigger: string, state: CheckState): Promise<void> {
  const n = await tx.nextNumber(`checkEvaluation:${d.id}`);
  const record: CheckEvaluationRecord = {
    id: `${d.id}/${n}`,
    decision: d.id,
    at: d.checks![0]!.last!.at,
    trigger,
    state,
    results: d.checks!.map((c) => ({ name: c.name, ...c.last! })),
  };
  // History only: it never changes again, so it stays out of the hot state.
  await tx.put('checkEvaluation', record, { closed: true });
}

function systemActor(now: Date): DecisionActor {
  return { person: 'dayops', now, audit: (action, target, summary) => systemDoer(now).audit(action, target, summary) };
}

/** Every checked decision, one after another; a failure of one is logged and the rest go on. */
export async function evaluateAll(ops: Ops, trigger: string, service?: string): Promise<Evaluation[]> {
  const decisions = (await ops.store.read((tx) => checkedDecisions(tx))).filter((d) => service === undefined || d.service === undefined || d.service === service);
  const out: Evaluation[] = [];
  for (const d of decisions) {
    try {
      const e = await evaluateDecision(ops, d.id, trigger);
      if (e) out.push(e);
    } catch (err) {
      ops.log.error({ err, decision: d.id }, 'evaluating the checks of a decision failed');
    }
  }
  return out;
}
