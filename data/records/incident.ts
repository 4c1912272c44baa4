import { z } from 'zod';

export const INCIDENT_ROLES = ['commander', 'communications', 'scribe'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

export const TIMELINE_KINDS = ['declared', 'update', 'note', 'reply', 'severity', 'role', 'nudge', 'resolved', 'deployment'] as const;

/** One line of an incident's timeline. */
export const timelineEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
});

/** A Day-2 incident (INC-n), coordinated in the thread under its summary message. */
export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.number().int().min(1).max(4),
  services: z.array(z.string()),
  status: z.enum(['open', 'resolved']),
  /** The channel holding the summary message `incident:INC-n`. */
  channel: z.string(),
  roles: z.object({
    commander: z.string(),
    communications: z.string().optional(),
    scribe: z.string().optional(),
  }),
  /** The alert group it was declared from, if any, and others linked since. */
  alertGroups: z.array(z.string()),
  declaredBy: z.string(),
  declaredAt: z.string(),
  /** The last status update, or the declaration; the nudge cadence counts from here. */
  lastUpdateAt: z.string(),
  resolvedAt: z.string().optional(),
  summary: z.string().optional(),
  timeline: z.array(timelineEntrySchema),
  /**
   * What changed before it was declared (deployments, decisions), and the deployments started
   * from its buttons; their states are kept current. `blocked` says why a finished one cannot
   * be rolled back (already rolled back, or something newer runs there).
   */
  deployments: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      env: z.string(),
      version: z.string(),
      state: z.string(),
      at: z.string(),
      rollbackOf: z.string().optional(),
      blocked: z.string().optional(),
    }),
  ),
  decisions: z.array(z.object({ id: z.string(), title: z.string(), category: z.string(), service: z.string().optional() })),
  /** The scheduler job that nudges the commander next, while open. */
  nudgeJob: z.string().optional(),
  nudges: z.number().int().min(0),
  /** Thread messages written so far; numbers their keys. */
  posts: z.number().int().min(0),
});

export type IncidentRecord = z.infer<typeof incidentSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
