import type { DecisionRecord } from '../../data/records/decision.js';
import { DECISION_TITLE_MAX } from '../../data/records/decision.js';
import type { Tx } from '../../data/store.js';
import { getIncident } from '../incidents/find.js';
import type { Ops } from '../ops.js';
import type { DecisionActor } from './actor.js';
import { createDecision } from './create.js';
import { getDecision } from './find.js';

export const PROPOSE_CHANGE_ACTION = 'decision.propose-change';

/**
 * "Propose a change to D-7" from a postmortem: a proposed decision of the same category and
 * service that supersedes D-7 once accepted, prefilled with the incident's link and context.
 * Pressed again, it answers with the proposal already open.
 */
export async function proposeChange(ops: Ops, tx: Tx, incidentId: string, decisionId: string, actor: DecisionActor, channel: string): Promise<{ decision: DecisionRecord; created: boolean }> {
  const incident = await getIncident(tx, incidentId);
  const older = await getDecision(tx, decisionId);
  const [open] = (await tx.query('decision.search', { status: 'proposed' })).filter((d) => d.replaces === older.id && d.incident === incident.id);
  if (open) return { decision: open, created: false };
  const summary = incident.summary ? ` ${incident.summary.trim().replace(/([^.!?])$/, '$1.')}` : '';
  const context = `Proposed from ${incident.id} (${incident.title}, SEV${incident.severity}, ${incident.status}; its postmortem: incident postmortem ${incident.id}).${summary} Accepting this supersedes ${older.id} (${older.title}).`;
  const title = `Change ${older.id}: ${older.title}`.slice(0, DECISION_TITLE_MAX);
  const decision = await createDecision(
    ops,
    tx,
    { title, category: older.category, ...(older.service ? { service: older.service } : {}), context, channel, replaces: older.id, incident: incident.id },
    actor,
  );
  return { decision, created: true };
}
