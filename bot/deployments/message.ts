import type { DeploymentRecord, DeployState } from '../../data/records/deployment.js';
import type { Button, Field, OpsMessage, Tone } from '../model.js';
import { whoName } from './actor.js';
import { APPROVE_ACTION, DENY_ACTION, HALT_ACTION, ROLLBACK_ACTION } from './keys.js';

const TONES: Record<DeployState, Tone> = {
  requested: 'info',
  awaiting_approval: 'warning',
  approved: 'info',
  queued: 'info',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  halted: 'warning',
  expired: 'neutral',
  denied: 'neutral',
};

const LABELS: Record<DeployState, string> = {
  requested: 'requested',
  awaiting_approval: 'awaiting approval',
  approved: 'approved',
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  halted: 'halted',
  expired: 'expired',
  denied: 'denied',
};

export function stateLabel(state: DeployState): string {
  return LABELS[state];
}

export function headline(d: DeploymentRecord): string {
  return `${d.id} · ${d.service} ${d.version} → ${d.env}`;
}

/** The summary message, edited in place at each state change, with the buttons the state allows. */
export function deploymentMessage(d: DeploymentRecord): OpsMessage {
  const message: OpsMessage = {
    title: headline(d),
    fields: fields(d),
    tone: TONES[d.state],
    context: [`${d.id} · requested by ${whoName(d.requester)}${d.rollbackOf ? ` · rollback of ${d.rollbackOf}` : ''}`],
    time: { at: d.updatedAt, style: 'datetime' },
  };
  if (d.reason) message.text = d.reason;
  const buttons = buttonsFor(d);
  if (d.runUrl) buttons.push({ kind: 'link', label: 'Open run', url: d.runUrl });
  if (buttons.length > 0) message.buttons = buttons;
  return message;
}

/** The request shown in an environment's approval channel: the summary with its Approve/Deny. */
export function approvalMessage(d: DeploymentRecord): OpsMessage {
  const message = deploymentMessage(d);
  message.title = `Approval ${d.state === 'awaiting_approval' ? 'needed' : stateLabel(d.state)}: ${headline(d)}`;
  if (d.state !== 'awaiting_approval') delete message.buttons;
  return message;
}

function fields(d: DeploymentRecord): Field[] {
  const out: Field[] = [
    { label: 'State', value: stateLabel(d.state), short: true },
    { label: 'Requested by', value: whoName(d.requester), short: true },
  ];
  if (d.approvalsRequired > 0 || d.approvals.length > 0) {
    const names = d.approvals.map(whoName).join(', ');
    out.push({ label: 'Approvals', value: `${d.approvals.length} of ${d.approvalsRequired}${names ? ` (${names})` : ''}`, short: true });
  }
  for (const r of d.requiredApprovers ?? []) out.push({ label: `Needs ${r.person}`, value: r.reason });
  if (d.expiresAt && d.state === 'awaiting_approval') out.push({ label: 'Expires', value: { at: d.expiresAt, style: 'relative' }, short: true });
  if (d.engine) out.push({ label: 'Engine', value: `${d.engine.type} (${d.engine.phase})`, short: true });
  if (d.runUrl) out.push({ label: 'Run', value: d.runUrl });
  if (d.override) out.push({ label: 'Freeze override', value: `${d.override.by}: ${d.override.reason}` });
  if (d.evidenceOverride) out.push({ label: 'Evidence override', value: `${d.evidenceOverride.by}: ${d.evidenceOverride.reason}` });
  if (d.denial) out.push({ label: 'Denied by', value: `${d.denial.by}${d.denial.reason ? `: ${d.denial.reason}` : ''}` });
  if (d.result) out.push({ label: 'Result', value: d.result });
  if (d.logTail.length > 0 && d.state !== 'running') out.push({ label: 'Last output', value: d.logTail.slice(-3).join('\n') });
  return out;
}

function buttonsFor(d: DeploymentRecord): Button[] {
  switch (d.state) {
    case 'awaiting_approval':
      return [
        { kind: 'action', label: 'Approve', action: APPROVE_ACTION, value: d.id, style: 'primary' },
        { kind: 'action', label: 'Deny', action: DENY_ACTION, value: d.id, style: 'danger' },
      ];
    case 'approved':
    case 'queued':
    case 'running':
      return [{ kind: 'action', label: 'Halt', action: HALT_ACTION, value: d.id, style: 'danger', confirm: HALT_CONFIRM }];
    case 'failed':
      return [{ kind: 'action', label: 'Rollback', action: ROLLBACK_ACTION, value: d.id, style: 'danger' }];
    default:
      return [];
  }
}

const HALT_CONFIRM = {
  title: 'Halt this deployment?',
  text: 'The engine is told to stop at once; what it has done so far stays done.',
  confirm: 'Halt',
  deny: 'Keep going',
};
