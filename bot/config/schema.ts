import { z } from 'zod';
import { alertsConfigSchema } from '../alerts/config-schema.js';
import { boardConfigSchema } from '../board/config-schema.js';
import { DECISION_CATEGORIES } from '../../data/records/decision.js';
import { deploysConfigSchema, healthCheckSchema } from '../deployments/config-schema.js';
import { remindersConfigSchema } from '../reminders/config-schema.js';
import { incidentsConfigSchema } from '../incidents/config-schema.js';
import { runbooksConfigSchema } from '../runbooks/config-schema.js';
import { digestConfigSchema } from '../digest/config-schema.js';
import { limitsConfigSchema } from '../rate-limit.js';
import { oncallConfigSchema } from '../oncall/config-schema.js';
import { checkOncallReferences } from '../oncall/config-check.js';
import { checkRunbookReferences } from '../runbooks/config-check.js';
import { evidenceConfigSchema, requiredEvidenceSchema } from '../evidence/config-schema.js';
import { CHECKS_AFTER_DEPLOY, checksConfigSchema } from '../checks/config-schema.js';
import { budgetsConfigSchema, driftConfigSchema } from '../drift/config-schema.js';
import type { EngineSpec } from '../deployments/engine.js';
import { channelRef } from './channel-ref.js';
import type { ChatPlatformConfig, ChatPlatformInfo } from './chat-platform.js';

export { channelRef };

const timeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}


export const personSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9._-]{0,39}$/, { message: 'must be lower-case letters, digits, . _ or -' }),
  displayName: z.string().optional(),
  /** This person's user ids on each chat platform: `{ <platform>: [ids] }`. */
  identities: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'must be a platform name' }), z.array(z.string())).default({}),
  /** GitHub logins of this person (the actor of a workflow that asks dayops through a protection rule). */
  github: z.array(z.string()).optional(),
  /** Role grants: `deployer` everywhere but protected environments, `approver@production` in one. */
  roles: z.array(z.string()).default([]),
  timezone: timeZone.optional(),
}).strict();

export const environmentSchema = z.object({
  /** Protected environments are touched only through grants that name them (`deployer@production`). */
  protected: z.boolean().default(false),
  /**
   * Decision categories a service needs accepted before it ships here. Absent: production
   * requires database, monitoring, security and success-criteria, any other environment none.
   */
  requiredCategories: z.array(z.enum(DECISION_CATEGORIES)).optional(),
  /** Approvals a deployment here needs, each from a different person with `approve` here. */
  approvals: z.number().int().min(0).max(10).default(0),
  /** How long a deployment waits for its approvals before it expires (`1h`, `30m`). */
  approvalExpiry: z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 30m or 1h' }).default('1h'),
  /** Where approval requests go, on any platform; absent: where the deployment was requested. */
  approvalChannel: channelRef.optional(),
  /** Per category, how young the evidence of its duty must be (`{ database: 35d }`); docs/lifecycle.md. */
  requiredEvidence: requiredEvidenceSchema.optional(),
  /** After a successful deployment: off, evaluate the service's checks, or verify (a breach fails it). Default: evaluate in production. */
  checksAfterDeploy: z.enum(CHECKS_AFTER_DEPLOY).optional(),
  /** An open blocking action item of the service: ignore, add an approval from the incident's commander, or refuse. Default: approval in production. */
  blockingActionItems: z.enum(['ignore', 'approval', 'refuse']).optional(),
  /** A deployment here is refused while the environment has an open drift finding nobody accepted. */
  requireNoDrift: z.boolean().default(false),
  /** A deployment here is refused while a budget of the service is projected past its limit (docs/cost.md). */
  requireWithinBudget: z.boolean().default(false),
}).strict();

export const decisionsSchema = z.object({
  /** Where `decisions-export` writes; absent: `<dataDir>/decisions`. */
  exportDir: z.string().optional(),
  /** Exported file names: MADR's `0007-<slug>.md` (madr, the default) or `D-7-<slug>.md` (id). */
  naming: z.enum(['madr', 'id']).default('madr'),
}).strict();

const serviceSchema = (engineSpec: z.ZodType<EngineSpec>) => z.object({
  description: z.string().optional(),
  /** Where this service's messages go when no more specific channel is configured. */
  channel: channelRef.optional(),
  /** How it is deployed; absent: `deploys.defaultEngine` (the script engine). */
  engine: engineSpec.optional(),
  /** A step before the deployment (a database backup); its failure stops the deployment. */
  preDeploy: engineSpec.optional(),
  /** Polled after the deployment until it answers 2xx or the timeout passes. */
  healthCheck: healthCheckSchema.optional(),
}).strict();

export const channelsSchema = z.object({
  ops: channelRef.default('shell:ops'),
  deploys: channelRef.default('shell:deploys'),
  alerts: channelRef.default('shell:alerts'),
  incidents: channelRef.default('shell:incidents'),
}).strict();

export const httpSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  /** Requests larger than this are refused with 413. */
  bodyLimitBytes: z.number().int().positive().default(1024 * 1024),
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: z.number().int().positive().default(512),
  /** Request bodies read at once; more get 503 unread (bodies hold at most this × bodyLimitBytes). */
  maxBodiesInFlight: z.number().int().positive().default(64),
  /** Seconds for the request line and headers, for the whole request, and for an idle keep-alive connection. */
  headersTimeoutSeconds: z.number().positive().default(10),
  requestTimeoutSeconds: z.number().positive().default(30),
  keepAliveTimeoutSeconds: z.number().positive().default(5),
}).strict().refine((http) => http.headersTimeoutSeconds <= http.requestTimeoutSeconds, {
  path: ['headersTimeoutSeconds'],
  message: 'must not be longer than http.requestTimeoutSeconds (the headers are part of the request)',
});

/**
 * The sections adapters add to the file (`github:`, `api:` …), by key. Each adapter declares its
 * own in its config-schema.ts (`declare module '…/bot/config/schema.js'`), so the core names none.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AdapterSections {}

/** Every engine's settings, a union on `type`, and the schema of `deploys.defaultEngine` with its default. */
export interface EngineSchemas {
  spec: z.ZodType<EngineSpec>;
  defaultEngine: z.ZodType<EngineSpec>;
}

/** The core's settings; bin/ adds the adapters' sections (fileConfigSchema). */
function coreConfigObject(engines: EngineSchemas) {
  return z.object({
    timezone: timeZone.default('UTC'),
    dataDir: z.string().default('./.dayops'),
    /**
     * The embedded store fdatasyncs each commit before it is acknowledged, so an acknowledged
     * change survives a power cut; false: it survives a crash of dayops but not of the machine.
     */
    journalFsync: z.boolean().default(true),
    /**
     * Variables of dayops's own environment that deploy scripts and runbooks also get, beyond the
     * allow-list (PATH, HOME, locale, proxy …): a script gets no other variable, so no secret by accident.
     */
    scriptEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')).default([]),
    /**
     * On SIGTERM or Ctrl-C, how long running deploys and runbooks may finish before the process
     * leaves them running for the next start to follow up (DAYOPS_SHUTDOWN_SECONDS).
     */
    shutdownSeconds: z.number().min(0).max(3600).default(10),
    publicUrl: z.url().optional(),
    http: httpSchema.default(httpSchema.parse({})),
    channels: channelsSchema.default(channelsSchema.parse({})),
    /** Permissions each role carries; merged over the built-in roles. */
    roles: z.record(z.string(), z.array(z.string())).default({}),
    /** The role anyone without a mapping gets. */
    defaultRole: z.string().default('viewer'),
    people: z.array(personSchema).default([]),
    /** Platform groups to role grants: `<platform>:<group id>` (a user group, a server role). */
    groups: z.record(z.string(), z.array(z.string())).default({}),
    services: z.record(z.string(), serviceSchema(engines.spec)).default({}),
    environments: z.record(z.string(), environmentSchema).default({}),
    decisions: decisionsSchema.default(decisionsSchema.parse({})),
    alerts: alertsConfigSchema.default(alertsConfigSchema.parse({})),
    // The engine schema's own default fills defaultEngine.
    deploys: deploysConfigSchema(engines.defaultEngine).prefault({ defaultEngine: undefined }),
    reminders: remindersConfigSchema.default(remindersConfigSchema.parse({})),
    incidents: incidentsConfigSchema.default(incidentsConfigSchema.parse({})),
    /** Named operational procedures (`run <name>`). */
    runbooks: runbooksConfigSchema(engines.spec).default({}),
    digest: digestConfigSchema.default(digestConfigSchema.parse({})),
    /**
     * Channels where a button press's public answer ("bob acknowledged ALG-1") is also posted as a
     * message; elsewhere a press leaves the edited message and its thread line only.
     */
    echoButtonReplies: z.array(channelRef).default([]),
    /** The person the shell speaks as when started without --as. */
    shellPerson: z.string().optional(),
    /** Per-user input limits (`commandsPerMinute`). */
    limits: limitsConfigSchema.default(limitsConfigSchema.parse({})),
    /** On-call schedules and escalation policies (docs/oncall.md). */
    oncall: oncallConfigSchema.default(oncallConfigSchema.parse({})),
    /** Evidence expiry announcements (docs/lifecycle.md). */
    evidence: evidenceConfigSchema.default(evidenceConfigSchema.parse({})),
    /** Success-criteria checks against Prometheus (docs/lifecycle.md). */
    checks: checksConfigSchema.default(checksConfigSchema.parse({})),
    /** Drift between what runs and what dayops deployed (docs/drift.md). */
    drift: driftConfigSchema.default(driftConfigSchema.parse({})),
    /** The daily check of budget decisions against their cost (docs/cost.md). */
    budgets: budgetsConfigSchema.default(budgetsConfigSchema.parse({})),
    /** The web board's sessions and public status view (docs/board.md). */
    board: boardConfigSchema.default(boardConfigSchema.parse({})),
  });
}

export type FileConfig = z.infer<ReturnType<typeof coreConfigObject>> & AdapterSections;
/** The file as written (defaults not yet applied), e.g. the demo team. */
export type FileConfigInput = z.input<ReturnType<typeof coreConfigObject>>;

/** What the core is given to read a config file: the engines' and adapters' schemas, and their checks. */
export interface ConfigParts {
  engines: EngineSchemas;
  /** The adapters' sections, each with its defaults, so an absent section parses. */
  sections: { [K in keyof AdapterSections]: z.ZodType<AdapterSections[K]> };
  /** Problems only an adapter can see (an engine named without its credentials), one sentence each. */
  checks?: ReadonlyArray<(config: FileConfig, secrets: Secrets) => string[]>;
  /** Secrets the file names by variable (`tokenEnv`), read through `read` (the core reads the environment). */
  namedSecrets?: ReadonlyArray<(config: FileConfig, read: (name: string) => string | undefined) => Partial<Secrets>>;
  /** The chat platforms (bin/chat-adapters.ts): their channel prefixes, secrets and environment settings. */
  chatPlatforms?: readonly ChatPlatformConfig[];
}

/** The configuration file (YAML or JSON); environment variables fill in and override. */
export function fileConfigSchema(parts: Pick<ConfigParts, 'engines' | 'sections'>): z.ZodType<FileConfig> {
  const schema = coreConfigObject(parts.engines).extend(parts.sections).strict().superRefine(checkOncallReferences).superRefine(checkRunbookReferences);
  return schema as z.ZodType<FileConfig>;
}
export type PersonConfig = z.infer<typeof personSchema>;

/** Secrets and platform settings: from environment variables (or `<NAME>_FILE`), never the file. */
export interface Secrets {
  /** Each configured chat platform's secrets and API settings, by platform name; absent: not configured. */
  chat: Record<string, Record<string, string | undefined>>;
  webhookToken?: string;
  grafanaSecret?: string;
  githubToken?: string;
  /** The GitHub App dayops is (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET). */
  githubApp?: { appId?: string; privateKey?: string; webhookSecret?: string };
  argocd?: { url: string; token: string };
  alertmanagerUrl?: string;
  databaseUrl?: string;
  /** Ed25519 private key (PEM) that signs `export-audit` manifests: DAYOPS_AUDIT_SIGNING_KEY. */
  auditSigningKey?: string;
  /** Values of the variables config names with `secretEnv` (webhook engines), by variable name. */
  engineSecrets?: Record<string, string>;
  /** Pipeline API tokens (`api.tokens[].tokenEnv`), by token name. */
  apiTokens?: Record<string, string>;
}

export interface Config extends FileConfig {
  /** Where the configuration came from: a file path, or `built-in demo defaults`. */
  source: string;
  /** True when no config file exists and the demo team applies. */
  demo: boolean;
  secrets: Secrets;
  /** The chat platforms dayops has (bin/ lists them), configured or not. */
  chatPlatforms: readonly ChatPlatformInfo[];
  logLevel: string;
  /** The environment scripts run with: the allow-listed variables and `scriptEnv`, nothing else. */
  childEnv: Record<string, string | undefined>;
  /** Every secret value, longest first, censored wherever text leaves dayops (logs, script output). */
  secretValues: string[];
}
