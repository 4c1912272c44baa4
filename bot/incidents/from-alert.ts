import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { Ops } from '../ops.js';

const SEVERITIES: Record<string, number> = { critical: 1, page: 1, high: 2, error: 2, major: 2, warning: 3, minor: 3, info: 4, low: 4 };

/** An alert group's severity label as an incident severity; unknown labels get the default. */
export function severityFromAlert(ops: Ops, group: AlertGroupRecord): number {
  return (group.severity && SEVERITIES[group.severity.toLowerCase()]) || ops.config.incidents.defaultSeverity;
}

/** Only services the config knows become the incident's services. */
export function servicesFromAlert(ops: Ops, group: AlertGroupRecord): string[] {
  return group.service && ops.config.services[group.service] ? [group.service] : [];
}
