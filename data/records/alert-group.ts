import { z } from 'zod';

const labelMap = z.record(z.string(), z.string());

/** One alert inside a group, as last reported by its source. */
export const alertStateSchema = z.object({
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: labelMap,
  startsAt: z.string(),
  endsAt: z.string().optional(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  /** When dayops last saw a change to it. */
  updatedAt: z.string(),
});

/** An alert group (ALG-n): the alerts a source groups together, shown as one living message. */
export const alertGroupSchema = z.object({
  id: z.string(),
  source: z.enum(['alertmanager', 'grafana', 'generic', 'drift']),
  groupKey: z.string(),
  title: z.string(),
  groupLabels: labelMap,
  /** Channels the routing chose; the first holds the message `alert-group:ALG-n`. */
  channels: z.array(z.string()).min(1),
  service: z.string().optional(),
  env: z.string().optional(),
  severity: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  /** By fingerprint. */
  alerts: z.record(z.string(), alertStateSchema),
  truncatedAlerts: z.number().int().default(0),
  openedAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().optional(),
  acknowledged: z.object({ by: z.string(), at: z.string() }).optional(),
  /** Set when someone resolved a generic alert by hand. */
  resolvedBy: z.string().optional(),
  /** The silence (SIL-n) that covers the group, while it lasts, and when it ends. */
  silence: z.string().optional(),
  silenceEndsAt: z.string().optional(),
  /** The maintenance window (MNT-n) that muted the group: recorded, never posted. */
  mutedBy: z.string().optional(),
  /** The group was already posted when the window started: its end edits the message rather than posting it. */
  mutedWhilePosted: z.boolean().optional(),
  /** When the group opened during a storm, the digest message it was listed under. */
  digest: z.string().optional(),
  /** A storm group shows one line until someone opens it or the storm ends; then its full card. */
  expanded: z.boolean().optional(),
  /** The incident (INC-n) declared for it or linked to it. */
  incident: z.string().optional(),
  /** How many times an unacknowledged group has re-notified. */
  renotified: z.number().int().default(0),
  /** Thread lines written so far; numbers their message keys. */
  lines: z.number().int().default(0),
});

/** Finds the open group for a source's group key without scanning every group. */
export const alertGroupKeySchema = z.object({
  /** `${source}|${groupKey}` */
  id: z.string(),
  group: z.string(),
});

export type AlertState = z.infer<typeof alertStateSchema>;
export type AlertGroupRecord = z.infer<typeof alertGroupSchema>;
export type AlertGroupKeyRecord = z.infer<typeof alertGroupKeySchema>;
