import { z } from 'zod';

export const labelMatcherSchema = z.object({
  name: z.string(),
  value: z.string(),
  isRegex: z.boolean(),
  isEqual: z.boolean(),
});

/** A silence (SIL-n) made from chat; mirrored in Alertmanager when one is configured. */
export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(labelMatcherSchema).min(1),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  /** Alertmanager's silence id, when dayops created one there. */
  alertmanagerId: z.string().optional(),
  /** The group it was made for, from its Silence button. */
  group: z.string().optional(),
  /** Set when someone ended it before its time. */
  expiredBy: z.string().optional(),
  expiredAt: z.string().optional(),
});

export type LabelMatcher = z.infer<typeof labelMatcherSchema>;
export type SilenceRecord = z.infer<typeof silenceSchema>;
