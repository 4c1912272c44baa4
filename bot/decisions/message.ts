import type { DecisionCheck, DecisionRecord, DecisionStatus } from '../../data/records/decision.js';
import { describeCheck } from '../checks/compare.js';
import type { Field, OpsMessage, Tone } from '../model.js';
import { withDuty } from '../duties/offer.js';
import { ACCEPT_ACTION, REJECT_ACTION } from './keys.js';

const TONES: Record<DecisionStatus, Tone> = {
  proposed: 'info',
  accepted: 'success',
  'needs-review': 'warning',
  rejected: 'danger',
  superseded: 'neutral',
};

/** The decision as a chat message; Accept and Reject buttons only while it is proposed, then its duty. */
export function decisionMessage(d: DecisionRecord): OpsMessage {
  const message: OpsMessage = {
    title: `${d.id} · ${d.title}`,
    fields: decisionFields(d),
    tone: TONES[d.status],
    context: [`${d.id} · proposed by ${d.owner}${lastChange(d)}`],
    time: { at: d.updatedAt, style: 'datetime' },
  };
  if (d.context) message.text = d.context;
  if (d.status === 'proposed') {
    message.buttons = [
      { kind: 'action', label: 'Accept', action: ACCEPT_ACTION, value: d.id, style: 'primary' },
      { kind: 'action', label: 'Reject', action: REJECT_ACTION, value: d.id, style: 'danger' },
    ];
  }
  return withDuty(message, d);
}

function decisionFields(d: DecisionRecord): Field[] {
  const fields: Field[] = [
    { label: 'Status', value: d.status, short: true },
    { label: 'Category', value: d.category, short: true },
    { label: 'Service', value: d.service ?? 'all services', short: true },
    { label: 'Owner', value: d.owner, short: true },
  ];
  const optional: [string, string | undefined][] = [
    ['Options', d.options.length > 0 ? d.options.map((o) => `• ${o}`).join('\n') : undefined],
    ['Outcome', d.outcome],
    ['Consequences', d.consequences],
    ['Decision makers', d.decisionMakers.length > 0 ? d.decisionMakers.join(', ') : undefined],
    ['Supersedes', d.supersedes],
    ['Will supersede', d.status === 'proposed' ? d.replaces : undefined],
    ['From incident', d.incident],
    ['Superseded by', d.supersededBy],
    ['Reason', d.statusReason],
    ['Checks', d.checks && d.checks.length > 0 ? d.checks.map(checkLine).join('\n') : undefined],
  ];
  for (const [label, value] of optional) if (value) fields.push({ label, value });
  return fields;
}

function checkLine(c: DecisionCheck): string {
  const last = c.last ? ` · ${c.last.state}: ${c.last.message}` : ' · not evaluated yet';
  return `• ${describeCheck(c)}${last}`;
}

function lastChange(d: DecisionRecord): string {
  const last = d.history[d.history.length - 1];
  if (!last || last.status === 'proposed') return '';
  return ` · ${last.status} by ${last.by}`;
}
