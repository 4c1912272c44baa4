import type { EscalationRecord } from '../../../data/records/oncall.js';
import type { Tx } from '../../../data/store.js';
import { updateGroup } from '../../alerts/publish.js';
import { systemDoer } from '../../reminders/doer.js';
import type { JobHandler } from '../../scheduler.js';
import type { Ops } from '../../ops.js';
import { formatTime, parseDuration } from '../../time.js';
import type { PolicyConfig } from '../config-schema.js';
import { ESCALATE_JOB, stepJobId, stepKey } from './keys.js';
import { scheduleByName } from './policy.js';
import { runStep } from './step.js';

/**
 * Fires one step of a group's escalation, inside the job's transaction: the page, the thread
 * line, the audit entry, the record of the step and the job of the next one commit together, so
 * each step happens once however often the bot restarts, and on one replica.
 */
export function escalateHandler(ops: Ops): JobHandler {
  return async (tx, job, info) => {
    const groupId = String(job.payload.group);
    const record = await tx.get('escalation', groupId);
    if (!record || record.status !== 'running' || record.job !== job.id) return;
    const round = Number(job.payload.round);
    const index = Number(job.payload.step);
    if (record.fired.includes(stepKey(round, index))) return;
    const now = ops.clock.now();
    const group = await tx.get('alertGroup', groupId);
    if (!group || group.status !== 'firing' || group.acknowledged || group.silence || group.mutedBy) {
      await tx.put('escalation', settle(record, 'stopped', now, group?.acknowledged ? `acknowledged by ${group.acknowledged.by}` : 'no longer needed'));
      return;
    }
    const policy = ops.config.oncall.policies[record.policy];
    if (!policy?.steps[index]) {
      await tx.put('escalation', settle(record, 'finished', now, `policy ${record.policy} no longer has this step`));
      return;
    }
    const schedule = await scheduleByName(ops, tx, record.schedule);
    const tz = schedule?.timezone ?? ops.config.timezone;
    const outcome = await runStep(ops, tx, { group, policy: record.policy, schedule, step: policy.steps[index], round, index, now });
    const next = nextStep(policy, round, index);
    const at = new Date(now.getTime() + (outcome.skipped ? 0 : parseDuration(policy.steps[index].wait)));
    const by = typeof job.payload.early === 'string' ? `Escalated now by ${job.payload.early}. ` : '';
    const late = info.late ? ` Late: it was due at ${formatTime(info.dueAt, tz)} and dayops was not running then.` : '';
    const line = `${by}Escalation step ${index + 1}/${policy.steps.length}${roundNote(policy, round)}: ${outcome.did}.${late}`;
    const lines = [line, ...(next ? [] : [`Escalation finished: ${policy.repeat + 1} round${policy.repeat === 0 ? '' : 's'} and still nobody has acknowledged ${group.id}.`])];
    await updateGroup(ops, tx, group, lines, outcome.mentions);
    tx.audit(systemDoer(now).audit('oncall.escalate', group.id, line));
    const fired = [...record.fired, stepKey(round, index)];
    if (!next) {
      await tx.put('escalation', { ...settle(record, 'finished', now, 'ran every step'), fired });
      return;
    }
    await scheduleStep(ops, tx, { ...record, fired }, next.round, next.step, at);
  };
}

export async function scheduleStep(ops: Ops, tx: Tx, record: EscalationRecord, round: number, step: number, at: Date, early?: string): Promise<void> {
  const job = stepJobId(record.id, round, step);
  await tx.put('escalation', { ...record, round, step, job });
  await ops.scheduler.schedule(tx, { id: job, type: ESCALATE_JOB, at, payload: { group: record.id, round, step, ...(early ? { early } : {}) } });
}

function nextStep(policy: PolicyConfig, round: number, step: number): { round: number; step: number } | undefined {
  if (step + 1 < policy.steps.length) return { round, step: step + 1 };
  if (round < policy.repeat) return { round: round + 1, step: 0 };
  return undefined;
}

function roundNote(policy: PolicyConfig, round: number): string {
  return policy.repeat > 0 ? `, round ${round + 1}/${policy.repeat + 1}` : '';
}

function settle(record: EscalationRecord, status: 'stopped' | 'finished', now: Date, why: string): EscalationRecord {
  const { job: _job, ...rest } = record;
  return { ...rest, status, stoppedAt: now.toISOString(), stoppedBy: why };
}
