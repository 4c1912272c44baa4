import { z } from 'zod';
import { labelMatcherSchema } from './silence.js';

/** A maintenance window (MNT-n): matching alerts are recorded but not posted while it lasts. */
export const maintenanceSchema = z.object({
  id: z.string(),
  /** What the person typed: a service name or label matchers. */
  target: z.string(),
  matchers: z.array(labelMatcherSchema).min(1),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  channel: z.string(),
  state: z.enum(['scheduled', 'active', 'ended']),
  /** Groups muted by this window. */
  muted: z.array(z.string()).default([]),
  alertmanagerSilenceId: z.string().optional(),
});

export type MaintenanceRecord = z.infer<typeof maintenanceSchema>;
