import type { DecisionRecord } from '../../data/records/decision.js';
import type { ReminderRecord } from '../../data/records/reminder.js';
import type { Tx } from '../../data/store.js';
import { getDecision } from '../decisions/find.js';
import { decisionKey } from '../decisions/keys.js';
import { decisionMessage } from '../decisions/message.js';
import { badInput, illegalTransition } from '../errors.js';
import type { Ops } from '../ops.js';
import { createReminder, type NewReminder } from '../reminders/create.js';
import type { Doer } from '../reminders/doer.js';
import { dutyReminder } from './find.js';
import { dutyKindOf, DUTY_CATEGORIES, type DutyKind } from './kinds.js';

export interface DutyResult {
  reminder: ReminderRecord;
  /** False when the decision already had its duty (the button was pressed before). */
  created: boolean;
}

/**
 * Creates the recurring reminder an accepted decision calls for, prefilled from it, and links
 * the two both ways. Idempotent by decision: while a reminder holds the duty, that one is returned.
 */
export async function createDuty(ops: Ops, tx: Tx, decisionId: string, by: Doer): Promise<DutyResult> {
  const d = await getDecision(tx, decisionId);
  const kind = dutyKindOf(d.category);
  if (!kind) throw badInput(`${d.id} is a ${d.category} decision; duties come from ${DUTY_CATEGORIES.join(', ')} decisions.`);
  if (d.status !== 'accepted') throw illegalTransition(`${d.id} is ${d.status}; only an accepted decision creates a duty.`);
  const held = await dutyReminder(tx, d.id);
  if (held) return { reminder: held, created: false };
  const reminder = await createReminder(ops, tx, dutyReminderInput(ops, d, kind), by);
  await linkDuty(ops, tx, { ...d, duty: reminder.id });
  tx.audit(by.audit('duty.create', d.id, `created ${reminder.id} as the ${kind.name} duty of ${d.id}`));
  return { reminder, created: true };
}

/** Service, owner and channel come from the decision; the cron runs in the team's time zone. */
function dutyReminderInput(ops: Ops, d: DecisionRecord, kind: DutyKind): NewReminder {
  const channel = (d.service && ops.config.services[d.service]?.channel) || d.channel;
  return {
    channel,
    text: `${kind.text(d.service)} (${d.id}: ${d.title})`,
    cron: kind.cron,
    tz: ops.config.timezone,
    decision: d.id,
    ...(ops.people.exists(d.owner) ? { owner: d.owner } : {}),
    ...(kind.runbook && ops.config.runbooks[kind.runbook] ? { runbook: kind.runbook } : {}),
  };
}

/** Stores the decision's link to its duty and edits its message, which then names the reminder. */
export async function linkDuty(ops: Ops, tx: Tx, d: DecisionRecord): Promise<void> {
  await tx.put('decision', d);
  await ops.outbox.edit(tx, decisionKey(d.id), decisionMessage(d));
}

/** A cancelled reminder no longer holds its decision's duty: the button comes back. */
export async function detachDuty(ops: Ops, tx: Tx, reminder: ReminderRecord): Promise<void> {
  if (!reminder.decision) return;
  const d = await tx.get('decision', reminder.decision);
  if (d?.duty !== reminder.id) return;
  const { duty: _gone, ...rest } = d;
  await linkDuty(ops, tx, rest);
}
