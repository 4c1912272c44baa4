import type { z } from 'zod';
import { idempotencySchema, jobSchema, outboxSchema, postRefSchema, postSchema, undeliverableSchema } from './core.js';
import { alertGroupKeySchema, alertGroupSchema } from './alert-group.js';
import { acceptedInputSchema } from './accepted-input.js';
import { alertStormSchema } from './alert-storm.js';
import { boardLinkSchema, boardSessionSchema } from './board.js';
import { maintenanceSchema } from './maintenance.js';
import { silenceSchema } from './silence.js';
import { decisionSchema } from './decision.js';
import { deploymentSchema } from './deployment.js';
import { freezeSchema } from './freeze.js';
import { lineHaltSchema } from './line-halt.js';
import { lockSchema } from './lock.js';
import { incidentSchema } from './incident.js';
import { reminderSchema } from './reminder.js';
import { runbookRunSchema } from './runbook-run.js';
import { driftCheckSchema } from './drift-check.js';
import { budgetSchema } from './budget.js';
import { checkEvaluationSchema } from './check-evaluation.js';
import { actionItemSchema } from './action-item.js';
import { escalationSchema, oncallFeedKeySchema, oncallOverrideSchema, oncallScheduleSchema, oncallSwapSchema } from './oncall.js';

/**
 * Every kind of record the store holds, with the schema its records are validated against on
 * load. A feature adds its kinds here; the store's types follow from this one list.
 */
export const RECORD_SCHEMAS = {
  idempotency: idempotencySchema,
  acceptedInput: acceptedInputSchema,
  outbox: outboxSchema,
  post: postSchema,
  postRef: postRefSchema,
  undeliverable: undeliverableSchema,
  job: jobSchema,
  alertGroup: alertGroupSchema,
  alertGroupKey: alertGroupKeySchema,
  alertStorm: alertStormSchema,
  silence: silenceSchema,
  maintenance: maintenanceSchema,
  decision: decisionSchema,
  deployment: deploymentSchema,
  lock: lockSchema,
  freeze: freezeSchema,
  lineHalt: lineHaltSchema,
  incident: incidentSchema,
  reminder: reminderSchema,
  runbookRun: runbookRunSchema,
  driftCheck: driftCheckSchema,
  budget: budgetSchema,
  checkEvaluation: checkEvaluationSchema,
  actionItem: actionItemSchema,
  oncallSchedule: oncallScheduleSchema,
  oncallOverride: oncallOverrideSchema,
  oncallSwap: oncallSwapSchema,
  escalation: escalationSchema,
  oncallFeedKey: oncallFeedKeySchema,
  boardLink: boardLinkSchema,
  boardSession: boardSessionSchema,
} satisfies Record<string, z.ZodType<{ id: string }>>;

export type Collections = { [K in keyof typeof RECORD_SCHEMAS]: z.infer<(typeof RECORD_SCHEMAS)[K]> };
export type Kind = keyof Collections;
