import { z } from 'zod';
import { CHECK_STATES, checkResultSchema } from './decision.js';

/** One evaluation of a decision's checks, kept as its history (`D-4/17`). */
export const checkEvaluationSchema = z.object({
  id: z.string(),
  decision: z.string(),
  at: z.string(),
  /** `schedule`, or the deployment after which it ran (`DEP-12`). */
  trigger: z.string(),
  state: z.enum(CHECK_STATES),
  results: z.array(checkResultSchema.extend({ name: z.string() })),
});

export type CheckEvaluationRecord = z.infer<typeof checkEvaluationSchema>;
