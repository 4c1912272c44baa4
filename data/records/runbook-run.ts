import { z } from 'zod';

export const RUNBOOK_RUN_STATES = ['awaiting_approval', 'running', 'succeeded', 'failed', 'denied'] as const;
export type RunbookRunState = (typeof RUNBOOK_RUN_STATES)[number];

/** One run of a configured runbook (RUN-n) on a deploy engine. */
export const runbookRunSchema = z.object({
  id: z.string(),
  runbook: z.string(),
  env: z.string(),
  args: z.record(z.string(), z.string()),
  state: z.enum(RUNBOOK_RUN_STATES),
  requestedBy: z.string(),
  approvals: z.array(z.object({ by: z.string(), at: z.string() })),
  approvalsRequired: z.number().int().min(0),
  /** The channel holding the message `runbook-run:RUN-n`; output goes into its thread. */
  channel: z.string(),
  /** The reminder (REM-n) whose Run button started it. */
  reminder: z.string().optional(),
  engineRef: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  logTail: z.array(z.string()),
  posts: z.number().int().min(0),
  result: z.string().optional(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});

export type RunbookRunRecord = z.infer<typeof runbookRunSchema>;
