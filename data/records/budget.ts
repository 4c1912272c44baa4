import { z } from 'zod';

/**
 * The monthly limit and cost source a budget decision (Day-0 category `budget`) carries, keyed by
 * the decision's id, with the state of its daily check.
 */
export const budgetSchema = z.object({
  /** The decision, D-n. */
  id: z.string(),
  service: z.string().optional(),
  monthlyLimit: z.number().positive(),
  currency: z.string().default('USD'),
  /** A PromQL query whose first sample is the month-to-date cost (OpenCost's exported metrics, for example). */
  query: z.string().optional(),
  /** Or a cost script the config names (`budgets.scripts`), which prints the month-to-date cost. */
  script: z.string().optional(),
  setBy: z.string(),
  setAt: z.string(),
  /** The month (`2026-03`, in the team's zone) the posted thresholds belong to. */
  month: z.string().optional(),
  /** Thresholds (80, 100) already posted this month: each is said once. */
  posted: z.array(z.number()).default([]),
  last: z
    .object({
      state: z.enum(['ok', 'warning', 'over', 'unknown']),
      spend: z.number().optional(),
      projection: z.number().optional(),
      detail: z.string(),
      at: z.string(),
    })
    .optional(),
});

export type BudgetRecord = z.infer<typeof budgetSchema>;
