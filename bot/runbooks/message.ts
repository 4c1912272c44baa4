import type { RunbookRunRecord } from '../../data/records/runbook-run.js';
import type { OpsMessage, Tone } from '../model.js';
import { APPROVE_RUN_ACTION, DENY_RUN_ACTION } from './keys.js';

const TONES: Record<RunbookRunRecord['state'], Tone> = {
  awaiting_approval: 'warning',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  denied: 'danger',
};

export function runMessage(run: RunbookRunRecord): OpsMessage {
  const args = Object.entries(run.args).map(([k, v]) => `${k}=${v}`).join(' ');
  const message: OpsMessage = {
    title: `${run.id} · runbook ${run.runbook} in ${run.env}`,
    tone: TONES[run.state],
    fields: [
      { label: 'State', value: run.state.replace('_', ' '), short: true },
      { label: 'Requested by', value: run.requestedBy, short: true },
      ...(args ? [{ label: 'Arguments', value: args, short: true }] : []),
      ...(run.approvalsRequired > 0 ? [{ label: 'Approvals', value: `${run.approvals.length} of ${run.approvalsRequired}`, short: true }] : []),
      ...(run.reminder ? [{ label: 'Reminder', value: run.reminder, short: true }] : []),
      ...(run.result ? [{ label: 'Result', value: run.result }] : []),
    ],
    context: [`${run.id} · output in the thread`],
    time: { at: run.finishedAt ?? run.startedAt ?? run.createdAt, style: 'datetime' },
  };
  if (run.state === 'awaiting_approval') {
    message.buttons = [
      { kind: 'action', label: 'Approve', action: APPROVE_RUN_ACTION, value: run.id, style: 'primary' },
      { kind: 'action', label: 'Deny', action: DENY_RUN_ACTION, value: run.id, style: 'danger' },
    ];
  }
  return message;
}
