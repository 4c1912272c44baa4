import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import { endedAt } from './ended.js';
import { median } from './stats.js';
import { within, type DigestWindow } from './window.js';

/**
 * The four DORA figures, from dayops's own records. Pure: the same records and window always give
 * the same figures. A rollback is a remedy, not a change: it counts in none of the figures.
 */
export interface DoraOptions {
  /** The environments counted (production). */
  environments: readonly string[];
  /** How long after a deployment a rollback or an incident still counts against it. */
  failureWindowMs: number;
}

type Span = Pick<DigestWindow, 'from' | 'to' | 'days'>;

function isChange(d: DeploymentRecord, o: DoraOptions): boolean {
  return o.environments.includes(d.env) && d.rollbackOf === undefined;
}

/** Successful changes that ended in the window: the deployments frequency and lead time count. */
function successes(deployments: readonly DeploymentRecord[], w: Span, o: DoraOptions): DeploymentRecord[] {
  return deployments.filter((d) => isChange(d, o) && d.state === 'succeeded' && within(endedAt(d), w.from, w.to));
}

export interface DeploymentFrequency {
  count: number;
  perDay: number;
}

export function deploymentFrequency(deployments: readonly DeploymentRecord[], w: Span, o: DoraOptions): DeploymentFrequency {
  const count = successes(deployments, w, o).length;
  return { count, perDay: count / w.days };
}

export interface LeadTime {
  /** Median of commit time → deployment succeeded; absent when no deployment had a commit time. */
  medianMs?: number;
  /** Successful deployments with a commit time, and all successful deployments. */
  measured: number;
  of: number;
}

export function leadTimeForChanges(deployments: readonly DeploymentRecord[], w: Span, o: DoraOptions): LeadTime {
  const done = successes(deployments, w, o);
  const durations = done.flatMap((d) => {
    const ms = d.commitTime === undefined ? NaN : Date.parse(endedAt(d)!) - Date.parse(d.commitTime);
    // A commit time after the deployment is a recording mistake, not a negative lead time.
    return Number.isFinite(ms) && ms >= 0 ? [ms] : [];
  });
  const m = median(durations);
  return { ...(m === undefined ? {} : { medianMs: m }), measured: durations.length, of: done.length };
}

export interface FailedChange {
  id: string;
  /** Why it counts as failed: `health check failed`, `rolled back by DEP-4`, `followed by INC-2`. */
  cause: string;
}

export interface ChangeFailureRate {
  /** Changes that reached the environment and ended in the window. */
  total: number;
  failed: FailedChange[];
  /** failed / total; absent when there were no changes. */
  rate?: number;
}

/** Reached the environment: succeeded, or failed only at the health check after it was deployed. */
function wentOut(d: DeploymentRecord): boolean {
  return d.state === 'succeeded' || (d.state === 'failed' && d.health?.status === 'failed');
}

export function changeFailureRate(
  deployments: readonly DeploymentRecord[],
  incidents: readonly IncidentRecord[],
  w: Span,
  o: DoraOptions,
): ChangeFailureRate {
  const changes = deployments.filter((d) => isChange(d, o) && wentOut(d) && within(endedAt(d), w.from, w.to));
  const failed = changes.flatMap((d) => {
    const cause = failureCause(d, deployments, incidents, o.failureWindowMs);
    return cause ? [{ id: d.id, cause }] : [];
  });
  return { total: changes.length, failed, ...(changes.length > 0 ? { rate: failed.length / changes.length } : {}) };
}

function failureCause(
  d: DeploymentRecord,
  deployments: readonly DeploymentRecord[],
  incidents: readonly IncidentRecord[],
  windowMs: number,
): string | undefined {
  if (d.health?.status === 'failed') return 'health check failed';
  const from = new Date(endedAt(d)!);
  const until = new Date(from.getTime() + windowMs);
  const rollback = deployments.find((r) => r.rollbackOf === d.id && within(r.createdAt, from, until));
  if (rollback) return `rolled back by ${rollback.id}`;
  const incident = incidents.find((i) => i.services.includes(d.service) && within(i.declaredAt, from, until));
  return incident ? `followed by ${incident.id}` : undefined;
}

export interface TimeToRestore {
  /** Median of declared → resolved over incidents resolved in the window. */
  medianMs?: number;
  count: number;
}

export function timeToRestore(incidents: readonly IncidentRecord[], w: Span): TimeToRestore {
  const durations = incidents
    .filter((i) => i.resolvedAt !== undefined && within(i.resolvedAt, w.from, w.to))
    .map((i) => Date.parse(i.resolvedAt!) - Date.parse(i.declaredAt));
  const m = median(durations);
  return { ...(m === undefined ? {} : { medianMs: m }), count: durations.length };
}
