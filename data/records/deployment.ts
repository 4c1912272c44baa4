import { z } from 'zod';

export const DEPLOY_STATES = [
  'requested',
  'awaiting_approval',
  'approved',
  'queued',
  'running',
  'succeeded',
  'failed',
  'halted',
  'expired',
  'denied',
] as const;
export type DeployState = (typeof DEPLOY_STATES)[number];

export const FINAL_DEPLOY_STATES: readonly DeployState[] = ['succeeded', 'failed', 'halted', 'expired', 'denied'];

/** A tag, a ref or a version string. */
export const VERSION_PATTERN = /^[A-Za-z0-9._\-+/]{1,128}$/;

/** Which part of a run the engine is doing now. */
export const DEPLOY_PHASES = ['pre-deploy', 'deploy', 'health'] as const;
export type DeployPhase = (typeof DEPLOY_PHASES)[number];

const whoSchema = z.object({
  /** The dayops person, when the platform identity maps to one. */
  person: z.string().optional(),
  platform: z.string(),
  userId: z.string(),
  displayName: z.string(),
});

const stepResultSchema = z.object({
  status: z.enum(['succeeded', 'failed']),
  message: z.string().optional(),
  at: z.string(),
});

/** One Day-1 deployment (DEP-12): a version of a service put into an environment. */
export const deploymentSchema = z.object({
  id: z.string(),
  service: z.string(),
  env: z.string(),
  version: z.string().regex(VERSION_PATTERN),
  reason: z.string().optional(),
  requester: whoSchema,
  /** Where it was asked for; the summary message lives there and results are said there. */
  requestedFrom: z.object({ channel: z.string(), thread: z.string().optional() }),
  state: z.enum(DEPLOY_STATES),
  history: z.array(z.object({ state: z.enum(DEPLOY_STATES), at: z.string(), by: z.string().optional(), note: z.string().optional() })),
  approvals: z.array(whoSchema.extend({ at: z.string() })),
  approvalsRequired: z.number().int().min(0),
  /** The environment's approval channel, when the approval request was posted there too. */
  approvalChannel: z.string().optional(),
  denial: z.object({ by: z.string(), at: z.string(), reason: z.string().optional() }).optional(),
  /** When an awaiting request expires. */
  expiresAt: z.string().optional(),
  /** An admin's freeze override, with its mandatory reason. */
  override: z.object({ by: z.string(), reason: z.string(), at: z.string() }).optional(),
  /** An admin's override of stale Day-2 evidence (a restore test overdue), with its reason and what it overrode. */
  evidenceOverride: z.object({ by: z.string(), reason: z.string(), at: z.string(), overrode: z.string() }).optional(),
  /** People whose approval is required on top of the count, and why (an incident's commander, for an open blocking action item). */
  requiredApprovers: z.array(z.object({ person: z.string(), reason: z.string() })).optional(),
  /** The engine run being followed: its type, phase and what it needs to find the run again. */
  engine: z
    .object({
      type: z.string(),
      phase: z.enum(DEPLOY_PHASES),
      ref: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      url: z.string().optional(),
    })
    .optional(),
  /** The engine's page for the run (a GitHub Actions run, an Argo CD application), http(s) only. */
  runUrl: z.string().optional(),
  /** The last lines of output, newest last. */
  logTail: z.array(z.string()),
  /** Numbers the thread replies (`deployment:DEP-12:note:3`). */
  notes: z.number().int().min(0),
  /** Why it ended, in a sentence (failed, halted, expired). */
  result: z.string().optional(),
  preDeploy: stepResultSchema.optional(),
  health: stepResultSchema.optional(),
  rollbackOf: z.string().optional(),
  /** The incident (INC-n) from whose buttons it was started; its timeline follows it. */
  incident: z.string().optional(),
  commitSha: z.string().optional(),
  commitTime: z.string().optional(),
  /**
   * The engine it runs on when that is not its service's: set by whatever asked for it (a GitHub
   * workflow that asked through a deployment protection rule runs on itself), with what that
   * engine needs to find the run. The engine validates it.
   */
  runsOn: z.object({ type: z.string() }).catchall(z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** The drift finding (ALG-n) this deployment syncs back; that finding does not block it. */
  syncs: z.string().optional(),
  /** Made outside dayops and only recorded (Argo CD auto-sync, a pipeline that never asked). */
  external: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});

export type DeploymentRecord = z.infer<typeof deploymentSchema>;
export type DeployWho = z.infer<typeof whoSchema>;
