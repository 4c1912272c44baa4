import { z } from 'zod';
import { labelFingerprint } from './fingerprint.js';
import { linksOf, type AlertBatch, type NeutralAlert } from './neutral.js';
import { parseWith, type ParseResult } from './parse-result.js';

const labelMap = z.record(z.string(), z.string());

const genericAlert = z.object({
  /** Identifies the alert across deliveries; derived from the labels when absent. */
  id: z.string().min(1).optional(),
  status: z.enum(['firing', 'resolved']).default('firing'),
  title: z.string().min(1),
  description: z.string().optional(),
  labels: labelMap.default({}),
  annotations: labelMap.default({}),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  url: z.url().optional(),
});

/**
 * The documented minimal shape (docs/alerts.md): `{ "group"?: string, "alerts": [ { "title", … } ] }`
 * or a single alert object on its own.
 */
export const genericPayload = z.union([
  z.object({ group: z.string().min(1).optional(), alerts: z.array(genericAlert).min(1) }).strict(),
  genericAlert.extend({ group: z.string().min(1).optional() }).strict(),
]);

type GenericAlert = z.infer<typeof genericAlert>;

export function parseGeneric(body: unknown, receivedAt: Date): ParseResult<AlertBatch> {
  return parseWith(genericPayload, body, (p) => {
    const alerts = 'alerts' in p ? p.alerts : [p];
    const groupKey = p.group ?? alerts[0]!.labels.alertname ?? alerts[0]!.title;
    return {
      source: 'generic',
      groupKey,
      groupLabels: {},
      title: p.group,
      alerts: alerts.map((a) => toNeutral(a, groupKey, receivedAt)),
      truncatedAlerts: 0,
    };
  });
}

function toNeutral(a: GenericAlert, groupKey: string, receivedAt: Date): NeutralAlert {
  const labels = { alertname: a.title, ...a.labels };
  const annotations = { summary: a.title, ...(a.description ? { description: a.description } : {}), ...a.annotations };
  return {
    source: 'generic',
    groupKey,
    fingerprint: a.id ?? labelFingerprint(labels),
    status: a.status,
    labels,
    annotations,
    startsAt: a.startsAt ?? receivedAt.toISOString(),
    endsAt: a.status === 'resolved' ? (a.endsAt ?? receivedAt.toISOString()) : undefined,
    links: linksOf([
      ['Source', a.url],
      ['Runbook', a.annotations.runbook_url],
    ]),
  };
}
