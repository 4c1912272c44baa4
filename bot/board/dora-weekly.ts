import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import type { ReadTx } from '../../data/store.js';
import { changeFailureRate, deploymentFrequency, failedDeploymentRecoveryTime, leadTimeForChanges, type DoraOptions } from '../digest/dora.js';
import type { Ops } from '../ops.js';

const WEEK_MS = 7 * 86_400_000;

/** The four keys over one week, as the digest counts them (bot/digest/dora.ts). */
export interface DoraWeek {
  from: string;
  to: string;
  deploys: number;
  deploysPerDay: number;
  leadTimeMs?: number;
  changes: number;
  failed: number;
  changeFailureRate?: number;
  recoveryMs?: number;
  recovered: number;
}

export interface DoraScope {
  /** One service, or all of them. */
  service?: string;
  /** The environments counted; the digest's (production) when absent. */
  env?: string;
  weeks: number;
}

/**
 * Weekly points of DORA's four keys for a service or all, in one environment or the digest's,
 * oldest week first, the last one ending now. Pure over the records read; the board charts it.
 */
export async function weeklyDora(ops: Ops, tx: ReadTx, scope: DoraScope): Promise<DoraWeek[]> {
  const deployments = await tx.query('deployment.history', scope.service === undefined ? {} : { service: scope.service });
  const incidents = (await tx.query('incident.history', {})).filter((i) => scope.service === undefined || i.services.includes(scope.service));
  const options: DoraOptions = {
    environments: scope.env ? [scope.env] : ops.config.digest.environments,
    failureWindowMs: ops.config.digest.failureWindowHours * 3_600_000,
  };
  return doraWeeks(deployments, incidents, ops.clock.now(), scope.weeks, options);
}

export function doraWeeks(deployments: readonly DeploymentRecord[], incidents: readonly IncidentRecord[], now: Date, weeks: number, options: DoraOptions): DoraWeek[] {
  const out: DoraWeek[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const to = new Date(now.getTime() - i * WEEK_MS);
    const span = { from: new Date(to.getTime() - WEEK_MS), to, days: 7 };
    const frequency = deploymentFrequency(deployments, span, options);
    const lead = leadTimeForChanges(deployments, span, options);
    const cfr = changeFailureRate(deployments, incidents, span, options);
    const recovery = failedDeploymentRecoveryTime(deployments, incidents, span, options);
    out.push({
      from: span.from.toISOString(),
      to: to.toISOString(),
      deploys: frequency.count,
      deploysPerDay: frequency.perDay,
      ...(lead.medianMs === undefined ? {} : { leadTimeMs: lead.medianMs }),
      changes: cfr.total,
      failed: cfr.failed.length,
      ...(cfr.rate === undefined ? {} : { changeFailureRate: cfr.rate }),
      ...(recovery.medianMs === undefined ? {} : { recoveryMs: recovery.medianMs }),
      recovered: recovery.count,
    });
  }
  return out;
}
