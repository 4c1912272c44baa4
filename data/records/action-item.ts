import { z } from 'zod';

/** A postmortem follow-up (ACT-n): owned, due, and when blocking, holding back the service's next deploy. */
export const actionItemSchema = z.object({
  id: z.string(),
  incident: z.string(),
  /** The incident's services when the item was recorded; a blocking item gates these. */
  services: z.array(z.string()),
  title: z.string(),
  owner: z.string(),
  /** A calendar day (`2026-12-15`) in the team's time zone. */
  due: z.string(),
  blocking: z.boolean(),
  state: z.enum(['open', 'done']),
  createdBy: z.string(),
  createdAt: z.string(),
  doneBy: z.string().optional(),
  doneAt: z.string().optional(),
  /** Reminders sent to the owner so far; numbers their messages. */
  reminders: z.number().int().min(0),
});

export type ActionItemRecord = z.infer<typeof actionItemSchema>;
