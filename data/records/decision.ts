import { z } from 'zod';

export const DECISION_CATEGORIES = [
  'architecture',
  'infrastructure',
  'hardware',
  'tooling',
  'database',
  'monitoring',
  'security',
  'success-criteria',
  'budget',
  'other',
] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

/** `needs-review`: accepted, but one of its success-criteria checks breached (docs/lifecycle.md). */
export const DECISION_STATUSES = ['proposed', 'accepted', 'needs-review', 'rejected', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_TITLE_MAX = 200;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters as people count them (an emoji is one), as the title check counts them. */
function graphemes(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** One status change: who made it, when, and why. */
export const decisionChangeSchema = z.object({
  status: z.enum(DECISION_STATUSES),
  by: z.string(),
  at: z.string(),
  reason: z.string().optional(),
});

/**
 * Proof that a decision's Day-2 duty was done: a reminder firing marked Done (or Failed), or a
 * run of the duty's runbook that ended. Readiness may require it younger than N days.
 */
export const evidenceSchema = z.object({
  at: z.string(),
  outcome: z.enum(['passed', 'failed']),
  /** `REM-3 firing 4` or `RUN-5`. */
  source: z.string(),
  by: z.string(),
  /** The environment a runbook ran in; a reminder's evidence holds for every environment. */
  env: z.string().optional(),
});

export const CHECK_OPS = ['<', '<=', '>', '>='] as const;
export type CheckOp = (typeof CHECK_OPS)[number];

export const CHECK_STATES = ['passed', 'breached', 'unknown'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** One check's result: unknown when Prometheus could not answer or had no data, never passed. */
export const checkResultSchema = z.object({
  state: z.enum(CHECK_STATES),
  at: z.string(),
  /** The value compared (the worst sample), when there was one. */
  value: z.number().optional(),
  /** A sentence: `0.42 is not below 0.3`, `Prometheus did not answer: …`. */
  message: z.string(),
});

/**
 * A success criterion as a PromQL check: `query` (with `$window` standing for the window) must
 * compare `op threshold` for every sample.
 */
export const decisionCheckSchema = z.object({
  name: z.string(),
  query: z.string(),
  op: z.enum(CHECK_OPS),
  threshold: z.number(),
  /** The evaluation window, a duration such as 1h; replaces `$window` in the query. */
  window: z.string(),
  last: checkResultSchema.optional(),
});

/** A Day-0 decision record (D-7). */
export const decisionSchema = z.object({
  id: z.string(),
  title: z.string().min(1).refine((t) => t.length <= DECISION_TITLE_MAX || graphemes(t) <= DECISION_TITLE_MAX, { message: `must be at most ${DECISION_TITLE_MAX} characters` }),
  category: z.enum(DECISION_CATEGORIES),
  /** Absent: the decision holds for every service. */
  service: z.string().optional(),
  context: z.string().optional(),
  options: z.array(z.string()),
  outcome: z.string().optional(),
  consequences: z.string().optional(),
  status: z.enum(DECISION_STATUSES),
  /** The person who proposed it and answers for it. */
  owner: z.string(),
  /** Who accepted it. */
  decisionMakers: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The reason given with the last accept, reject or supersede. */
  statusReason: z.string().optional(),
  /** The decision this one replaced. */
  supersedes: z.string().optional(),
  /** A proposed change to this decision: accepting it supersedes that one. */
  replaces: z.string().optional(),
  /** The incident (INC-n) it was proposed from. */
  incident: z.string().optional(),
  /** The decision that replaced this one. */
  supersededBy: z.string().optional(),
  /** The reminder (REM-n) that holds the Day-2 duty this decision created, while it does. */
  duty: z.string().optional(),
  /** Success-criteria or monitoring checks evaluated against Prometheus. */
  checks: z.array(decisionCheckSchema).optional(),
  /** The latest evidence of its duty, newest last (a short window). */
  evidence: z.array(evidenceSchema).optional(),
  /** The channel the decision was recorded in; its message lives there. */
  channel: z.string(),
  history: z.array(decisionChangeSchema),
});

export type DecisionRecord = z.infer<typeof decisionSchema>;
export type DecisionChange = z.infer<typeof decisionChangeSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type DecisionCheck = z.infer<typeof decisionCheckSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
