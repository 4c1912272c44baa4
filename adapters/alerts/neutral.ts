import type { AlertLink } from '../../bot/alerts/alert.js';

export type { AlertBatch, AlertLink, AlertSource, NeutralAlert } from '../../bot/alerts/alert.js';

/** Alertmanager and Grafana write the zero time for "not ended yet". */
export function endTime(value: string | undefined): string | undefined {
  if (!value || value.startsWith('0001-01-01')) return undefined;
  return value;
}

export function linksOf(entries: [string, string | undefined][]): AlertLink[] {
  const links: AlertLink[] = [];
  for (const [label, url] of entries) if (url) links.push({ label, url });
  return links;
}
