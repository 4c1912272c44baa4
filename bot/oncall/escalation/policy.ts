import type { AlertGroupRecord } from '../../../data/records/alert-group.js';
import type { ReadTx } from '../../../data/store.js';
import type { Ops } from '../../ops.js';
import type { PolicyConfig } from '../config-schema.js';
import { allSchedules, schedulesFor, type Schedule } from '../schedules.js';

export interface AppliedPolicy {
  name: string;
  policy: PolicyConfig;
  /** The schedule whose levels the steps name; absent when the group's service has none. */
  schedule?: Schedule;
}

/**
 * The policy for a group: its service's schedule names one, else oncall.defaultPolicy; only for
 * the severities the policy lists.
 */
export async function policyFor(ops: Pick<Ops, 'config'>, tx: ReadTx, group: Pick<AlertGroupRecord, 'service' | 'severity'>): Promise<AppliedPolicy | undefined> {
  const { oncall } = ops.config;
  const schedule = group.service ? schedulesFor(await allSchedules(ops, tx), group.service)[0] : undefined;
  const name = schedule?.policy ?? oncall.defaultPolicy;
  const policy = name ? oncall.policies[name] : undefined;
  if (!name || !policy || !group.severity || !policy.severities.includes(group.severity)) return undefined;
  return { name, policy, ...(schedule ? { schedule } : {}) };
}

export async function scheduleByName(ops: Pick<Ops, 'config'>, tx: ReadTx, name: string | undefined): Promise<Schedule | undefined> {
  if (!name) return undefined;
  return (await allSchedules(ops, tx)).find((s) => s.name === name);
}
