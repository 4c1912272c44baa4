import type { DecisionRecord, Evidence } from '../../data/records/decision.js';
import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { Tx } from '../../data/store.js';
import { decisionKey } from '../decisions/keys.js';
import { decisionMessage } from '../decisions/message.js';
import { dutyKindOf } from '../duties/kinds.js';
import type { Ops } from '../ops.js';
import type { Doer } from '../reminders/doer.js';
import { parseDuration } from '../time.js';
import { EVIDENCE_WARN_JOB, warnJobId } from './keys.js';
import { requiredEvidence } from './status.js';

/** How many pieces of evidence a decision keeps. */
const KEEP_EVIDENCE = 10;

/**
 * Adds evidence to a decision's duty, edits its message, and schedules the announcement of its
 * expiry in every environment that requires this category's evidence.
 */
export async function recordEvidence(ops: Ops, tx: Tx, decisionId: string, evidence: Evidence, by: Doer): Promise<DecisionRecord | undefined> {
  const current = await tx.get('decision', decisionId);
  if (!current) return undefined;
  const d: DecisionRecord = { ...current, evidence: [...(current.evidence ?? []), evidence].slice(-KEEP_EVIDENCE) };
  await tx.put('decision', d);
  await ops.outbox.edit(tx, decisionKey(d.id), decisionMessage(d));
  tx.audit(by.audit('evidence.record', d.id, `${evidence.outcome} ${dutyKindOf(d.category)?.name ?? 'duty'} of ${d.id} from ${evidence.source}${evidence.env ? ` in ${evidence.env}` : ''}`));
  await scheduleWarnings(ops, tx, d, evidence);
  return d;
}

async function scheduleWarnings(ops: Ops, tx: Tx, d: DecisionRecord, evidence: Evidence): Promise<void> {
  const warnMs = parseDuration(ops.config.evidence.warnBefore);
  for (const env of Object.keys(ops.config.environments)) {
    if (evidence.env !== undefined && evidence.env !== env) continue;
    const age = requiredEvidence(ops.config, env).find(([category]) => category === d.category)?.[1];
    if (age === undefined) continue;
    const id = warnJobId(d.id, env);
    // Failed evidence already refuses deployments; there is nothing left to expire.
    if (evidence.outcome === 'failed') {
      await ops.scheduler.cancel(tx, id);
      continue;
    }
    const at = new Date(Math.max(Date.parse(evidence.at) + age - warnMs, Date.parse(evidence.at)));
    await ops.scheduler.schedule(tx, { id, type: EVIDENCE_WARN_JOB, at, payload: { decision: d.id, env, evidenceAt: evidence.at } });
  }
}

/**
 * A finished runbook run is evidence for the duty it was started from (a reminder's Run button),
 * or else for every decision whose duty reminder names this runbook (narrowed by `--arg service=`).
 */
export async function recordRunEvidence(ops: Ops, tx: Tx, run: RunbookRunRecord, by: Doer): Promise<void> {
  if (run.state !== 'succeeded' && run.state !== 'failed') return;
  const evidence: Evidence = { at: run.finishedAt ?? by.now.toISOString(), outcome: run.state === 'succeeded' ? 'passed' : 'failed', source: run.id, by: run.requestedBy, env: run.env };
  for (const id of await decisionsOfRun(tx, run)) await recordEvidence(ops, tx, id, evidence, by);
}

async function decisionsOfRun(tx: Tx, run: RunbookRunRecord): Promise<string[]> {
  if (run.reminder) {
    const r = await tx.get('reminder', run.reminder);
    return r?.decision ? [r.decision] : [];
  }
  const service = run.args.service;
  const reminders = await tx.list('reminder', { where: (r) => r.runbook === run.runbook && r.decision !== undefined && (r.state === 'active' || r.state === 'paused') });
  const ids: string[] = [];
  for (const r of reminders) {
    const d = await tx.get('decision', r.decision!);
    if (!d || (service !== undefined && d.service !== undefined && d.service !== service)) continue;
    if (!ids.includes(d.id)) ids.push(d.id);
  }
  return ids;
}
