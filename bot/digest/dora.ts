import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import { endedAt } from './ended.js';
import { median } from './stats.js';
import { within, type DigestWindow } from './window.js';

/**
 * DORA's four keys (dora.dev, "DORA's software delivery metrics: the four keys"), from dayops's
 * own records. Pure: the same records and window always give the same figures. Which records
 * count is spelt out in docs/deployments.md; a rollback is a remedy, not a change, so it is never
 * counted as a change itself.
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

/** How often changes are deployed to production: successful changes per day of the window. */
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

/** Change lead time: from the commit to the change running successfully in production. */
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
  /** Why it counts as failed: `health check failed`, `rolled back by DEP-4`, `caused INC-2`. */
  cause: string;
  /** When the failure was remedied, if it was yet: the next successful deployment there, or its incident's resolution. */
  recoveredAt?: string;
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

/** A rollback remedies only when it ran: one denied, expired or still waiting changed nothing. */
const ROLLBACK_RAN = new Set(['running', 'succeeded', 'failed', 'halted']);

/**
 * Change fail rate: the share of changes that went out and then needed a remedy — a failed
 * health check, a rollback that ran, or an incident they caused. An incident is blamed on one
 * change only: the last change to one of its services that went out before it was declared,
 * within the failure window.
 */
export function changeFailureRate(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], w: Span, o: DoraOptions): ChangeFailureRate {
  const changes = deployments.filter((d) => isChange(d, o) && wentOut(d) && within(endedAt(d), w.from, w.to));
  const blamed = blameIncidents(deployments, incidents, o);
  const failed = changes.flatMap((d) => {
    const failure = failureOf(d, deployments, blamed.get(d.id), o.failureWindowMs);
    return failure ? [failure] : [];
  });
  return { total: changes.length, failed, ...(changes.length > 0 ? { rate: failed.length / changes.length } : {}) };
}

/** Each incident → the one change it is blamed on (by deployment id). */
function blameIncidents(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], o: DoraOptions): Map<string, IncidentRecord> {
  const out = new Map<string, IncidentRecord>();
  const outs = deployments.filter((d) => isChange(d, o) && wentOut(d)).sort((a, b) => Date.parse(endedAt(b)!) - Date.parse(endedAt(a)!));
  for (const i of [...incidents].sort((a, b) => Date.parse(a.declaredAt) - Date.parse(b.declaredAt))) {
    const declared = Date.parse(i.declaredAt);
    const culprit = outs.find((d) => {
      const ended = Date.parse(endedAt(d)!);
      return i.services.includes(d.service) && ended <= declared && declared - ended <= o.failureWindowMs;
    });
    if (culprit && !out.has(culprit.id)) out.set(culprit.id, i);
  }
  return out;
}

function failureOf(d: DeploymentRecord, deployments: readonly DeploymentRecord[], incident: IncidentRecord | undefined, windowMs: number): FailedChange | undefined {
  const from = new Date(endedAt(d)!);
  const until = new Date(from.getTime() + windowMs);
  const rollback = deployments.find((r) => r.rollbackOf === d.id && ROLLBACK_RAN.has(r.state) && within(r.createdAt, from, until));
  const cause = d.health?.status === 'failed' ? 'health check failed' : rollback ? `rolled back by ${rollback.id}` : incident ? `caused ${incident.id}` : undefined;
  if (!cause) return undefined;
  const recoveredAt = recovery(d, deployments, incident);
  return { id: d.id, cause, ...(recoveredAt ? { recoveredAt } : {}) };
}

/** The first of: a later deployment of the service there that succeeded (rollback or fix), the incident's resolution. */
function recovery(d: DeploymentRecord, deployments: readonly DeploymentRecord[], incident: IncidentRecord | undefined): string | undefined {
  const wentOutAt = Date.parse(endedAt(d)!);
  const times = deployments
    .filter((r) => r.id !== d.id && r.service === d.service && r.env === d.env && r.state === 'succeeded' && Date.parse(endedAt(r)!) > wentOutAt)
    .map((r) => Date.parse(endedAt(r)!));
  if (incident?.resolvedAt) times.push(Date.parse(incident.resolvedAt));
  return times.length === 0 ? undefined : new Date(Math.min(...times)).toISOString();
}

export interface RecoveryTime {
  /** Median of went out → recovered, over failed changes recovered in the window. */
  medianMs?: number;
  count: number;
}

/**
 * Failed deployment recovery time: how long a failed change stayed failed, from when it went
 * out to when it was remedied. Failed changes of any window count when their recovery fell in
 * this one (a failure on Sunday recovered on Monday is Monday's).
 */
export function failedDeploymentRecoveryTime(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], w: Span, o: DoraOptions): RecoveryTime {
  const everything = { from: new Date(0), to: w.to, days: 1 };
  const durations = changeFailureRate(deployments, incidents, everything, o)
    .failed.filter((f) => within(f.recoveredAt, w.from, w.to))
    .map((f) => Date.parse(f.recoveredAt!) - Date.parse(endedAt(deployments.find((d) => d.id === f.id)!)!));
  const m = median(durations);
  return { ...(m === undefined ? {} : { medianMs: m }), count: durations.length };
}
