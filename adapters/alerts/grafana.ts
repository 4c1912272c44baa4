import { z } from 'zod';
import { labelFingerprint } from './fingerprint.js';
import { endTime, linksOf, type AlertBatch, type NeutralAlert } from './neutral.js';
import { parseWith, type ParseResult } from './parse-result.js';

const labelMap = z.record(z.string(), z.string());

const grafanaAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
});

/** Grafana's webhook contact point payload, version 1. */
export const grafanaPayload = z.object({
  version: z.literal('1', { message: 'only Grafana webhook payload version "1" is understood' }),
  receiver: z.string().default(''),
  status: z.enum(['firing', 'resolved']),
  state: z.string().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  alerts: z.array(grafanaAlert),
  groupLabels: labelMap.default({}),
  commonLabels: labelMap.default({}),
  externalURL: z.string().default(''),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
});

export function parseGrafana(body: unknown): ParseResult<AlertBatch> {
  return parseWith(grafanaPayload, body, (p) => ({
    source: 'grafana',
    groupKey: p.groupKey,
    groupLabels: p.groupLabels,
    title: p.title,
    alerts: p.alerts.map((a): NeutralAlert => ({
      source: 'grafana',
      groupKey: p.groupKey,
      fingerprint: a.fingerprint || labelFingerprint(a.labels),
      status: a.status,
      labels: a.labels,
      annotations: withValues(a.annotations, a.values ?? undefined),
      startsAt: a.startsAt,
      endsAt: a.status === 'resolved' ? endTime(a.endsAt) : undefined,
      links: linksOf([
        ['Source', a.generatorURL],
        ['Dashboard', a.dashboardURL],
        ['Panel', a.panelURL],
        ['Silence in Grafana', a.silenceURL],
        ['Runbook', a.annotations.runbook_url],
      ]),
    })),
    truncatedAlerts: p.truncatedAlerts,
  }));
}

/** The query values are what a person wants to see first; they ride along as an annotation. */
function withValues(annotations: Record<string, string>, values: Record<string, number | null> | undefined): Record<string, string> {
  if (!values || Object.keys(values).length === 0) return annotations;
  const text = Object.entries(values)
    .map(([k, v]) => `${k}=${v ?? 'none'}`)
    .join(', ');
  return { ...annotations, values: text };
}
