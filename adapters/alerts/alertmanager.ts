import { z } from 'zod';
import { endTime, linksOf, type AlertBatch, type NeutralAlert } from './neutral.js';
import { parseWith, type ParseResult } from './parse-result.js';

const labelMap = z.record(z.string(), z.string());

const alertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1),
});

/** Alertmanager's webhook payload, version 4. */
export const alertmanagerPayload = z.object({
  version: z.literal('4', { message: 'only Alertmanager webhook payload version "4" is understood' }),
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(alertmanagerAlert),
  groupLabels: labelMap.default({}),
  commonLabels: labelMap.default({}),
  commonAnnotations: labelMap.default({}),
  externalURL: z.string().default(''),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;

export function parseAlertmanager(body: unknown): ParseResult<AlertBatch> {
  return parseWith(alertmanagerPayload, body, (p) => ({
    source: 'alertmanager',
    groupKey: p.groupKey,
    groupLabels: p.groupLabels,
    alerts: p.alerts.map((a): NeutralAlert => ({
      source: 'alertmanager',
      groupKey: p.groupKey,
      fingerprint: a.fingerprint,
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.status === 'resolved' ? endTime(a.endsAt) : undefined,
      links: linksOf([
        ['Source', a.generatorURL],
        ['Runbook', a.annotations.runbook_url],
      ]),
    })),
    truncatedAlerts: p.truncatedAlerts,
  }));
}
