import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { IncidentRecord } from '../../data/records/incident.js';
import { idNumber } from '../ids.js';
import { endedAt } from './ended.js';
import { within, type DigestWindow } from './window.js';

type Span = Pick<DigestWindow, 'from' | 'to'>;

/** Deployments that ran and ended in the window, in one environment. */
export interface EnvDeployCounts {
  env: string;
  ended: number;
  succeeded: number;
  failed: number;
  halted: number;
  /** How many of those were rollbacks. */
  rollbacks: number;
}

const RAN = new Set(['succeeded', 'failed', 'halted']);

/** Per environment, by name; denied and expired requests never ran and are not counted. */
export function deploymentCounts(deployments: readonly DeploymentRecord[], w: Span): EnvDeployCounts[] {
  const byEnv = new Map<string, EnvDeployCounts>();
  for (const d of deployments) {
    if (!RAN.has(d.state) || !within(endedAt(d), w.from, w.to)) continue;
    const c = byEnv.get(d.env) ?? { env: d.env, ended: 0, succeeded: 0, failed: 0, halted: 0, rollbacks: 0 };
    c.ended += 1;
    if (d.state === 'succeeded') c.succeeded += 1;
    if (d.state === 'failed') c.failed += 1;
    if (d.state === 'halted') c.halted += 1;
    if (d.rollbackOf !== undefined) c.rollbacks += 1;
    byEnv.set(d.env, c);
  }
  return [...byEnv.values()].sort((a, b) => a.env.localeCompare(b.env));
}

export interface IncidentCounts {
  opened: string[];
  resolved: string[];
  /** Open when the digest was made, whenever declared. */
  stillOpen: string[];
}

export function incidentCounts(incidents: readonly IncidentRecord[], w: Span): IncidentCounts {
  const ids = (keep: (i: IncidentRecord) => boolean) => incidents.filter(keep).map((i) => i.id).sort((a, b) => idNumber(a) - idNumber(b));
  return {
    opened: ids((i) => within(i.declaredAt, w.from, w.to)),
    resolved: ids((i) => within(i.resolvedAt, w.from, w.to)),
    stillOpen: ids((i) => i.status === 'open'),
  };
}
