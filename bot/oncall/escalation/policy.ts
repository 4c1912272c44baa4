import type { AlertGroupRecord } from '../../../data/records/alert-group.js';
import type { ReadTx } from '../../../data/store.js';
import { routingLabels } from '../../alerts/facets.js';
import { matchingRoutes } from '../../alerts/routing.js';
import type { Ops } from '../../ops.js';
import type { PolicyConfig } from '../config-schema.js';
import { allSchedules, schedulesFor, type Schedule } from '../schedules.js';

export interface AppliedPolicy {
  name: string;
  policy: PolicyConfig;
  /** The schedule whose levels the steps name; absent when nothing covers the group. */
  schedule?: Schedule;
}

type Group = Pick<AlertGroupRecord, 'service' | 'severity' | 'alerts' | 'groupLabels'>;

/**
 * The policy for a group, the most specific first: the first alert route it takes that names a
 * policy, its service's (`oncall.services`), the policy of the schedule that covers it, then
 * `oncall.defaultPolicy`; only for the severities that policy lists. The schedule is one that
 * covers a route the group takes, else one that covers its service.
 */
export async function policyFor(ops: Pick<Ops, 'config'>, tx: ReadTx, group: Group): Promise<AppliedPolicy | undefined> {
  const { oncall } = ops.config;
  const routes = matchingRoutes(ops.config, routingLabels(Object.values(group.alerts), group.groupLabels));
  const schedules = await allSchedules(ops, tx);
  const routeNames = routes.flatMap((r) => (r.name ? [r.name] : []));
  const schedule =
    schedules.find((s) => s.routes.some((r) => routeNames.includes(r))) ?? (group.service ? schedulesFor(schedules, group.service)[0] : undefined);
  const name =
    routes.find((r) => r.policy)?.policy ?? (group.service ? oncall.services[group.service]?.policy : undefined) ?? schedule?.policy ?? oncall.defaultPolicy;
  const policy = name ? oncall.policies[name] : undefined;
  if (!name || !policy || !group.severity || !policy.severities.includes(group.severity)) return undefined;
  return { name, policy, ...(schedule ? { schedule } : {}) };
}

export async function scheduleByName(ops: Pick<Ops, 'config'>, tx: ReadTx, name: string | undefined): Promise<Schedule | undefined> {
  if (!name) return undefined;
  return (await allSchedules(ops, tx)).find((s) => s.name === name);
}
