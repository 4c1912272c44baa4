import type { AlertState } from '../../data/records/alert-group.js';
import type { Config } from '../config/schema.js';

export interface Facets {
  service?: string;
  env?: string;
  severity?: string;
}

/** Service, environment and severity, read from the labels the config names. */
export function facetsOf(config: Config, labels: Record<string, string>): Facets {
  const names = config.alerts.labels;
  const out: Facets = {};
  if (labels[names.service]) out.service = labels[names.service];
  if (labels[names.env]) out.env = labels[names.env];
  if (labels[names.severity]) out.severity = labels[names.severity];
  return out;
}

/** The labels every alert of a group shares. */
export function commonLabels(alerts: readonly Pick<AlertState, 'labels'>[]): Record<string, string> {
  const [first, ...rest] = alerts;
  if (!first) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(first.labels)) {
    if (rest.every((a) => a.labels[k] === v)) out[k] = v;
  }
  return out;
}

/** The labels a group is routed by: its first firing alert's, what all share, and the group's own. */
export function routingLabels(alerts: readonly Pick<AlertState, 'labels' | 'status'>[], groupLabels: Record<string, string>): Record<string, string> {
  const firing = alerts.filter((a) => a.status === 'firing');
  return { ...firing[0]?.labels, ...commonLabels(alerts), ...groupLabels };
}
