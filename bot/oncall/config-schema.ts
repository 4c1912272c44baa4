import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseDuration } from '../time.js';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayName = (typeof DAY_NAMES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day such as 09:00 or 17:30' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date such as 2026-01-05' });
const duration = z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 5m, 1h or 1d' });

/** `daily`, `weekly`, or a length: `3d` and `2w` keep the handoff's wall time, `12h` is elapsed time. */
const shift = z.string().refine((s) => s === 'daily' || s === 'weekly' || /^\d+[hdw]$/.test(s), {
  message: 'must be daily, weekly or a length such as 3d, 2w or 12h',
});

/** `weekdays`, `weekends`, a day (`mon`) or a range (`mon-fri`). */
const days = z.string().refine((s) => expandDays(s) !== undefined, { message: 'must be weekdays, weekends, a day such as mon or a range such as mon-fri' });

export const restrictionSchema = z
  .object({
    days: z.array(days).default(['mon-sun']),
    /** Within the schedule's time zone; `to` before `from` runs past midnight, `to` equal to `from` is the whole day. */
    from: clock.default('00:00'),
    to: clock.default('00:00'),
  })
  .strict();

export const layerSchema = z
  .object({
    /** Escalation steps name levels: `primary`, `secondary`. Later layers of a level win where they cover. */
    level: z.string().regex(/^[a-z][a-z0-9-]{0,29}$/).default('primary'),
    people: z.array(z.string()).min(1, { message: 'a layer needs at least one person' }),
    shift: shift.default('weekly'),
    /** The first handoff: the first person's shift starts on this date, at `handoff`. */
    start: date,
    handoff: clock.default('09:00'),
    /** Absent: on call around the clock. Present: only inside one of these windows. */
    restrictions: z.array(restrictionSchema).default([]),
  })
  .strict();

export const scheduleSchema = z
  .object({
    description: z.string().optional(),
    /** Absent: the team's time zone. */
    timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), { message: 'must be an IANA time zone such as Europe/Berlin or UTC' }).optional(),
    services: z.array(z.string()).default([]),
    /** Alert routes (by their `name`) it covers: a group those routes take escalates on this schedule. */
    routes: z.array(z.string()).default([]),
    /** Where handoff summaries go; absent: channels.ops. */
    channel: z.string().optional(),
    /** The escalation policy for alerts of these services; absent: oncall.defaultPolicy. */
    policy: z.string().optional(),
    layers: z.array(layerSchema).min(1, { message: 'a schedule needs at least one layer' }),
  })
  .strict();

export const escalationStepSchema = z
  .object({
    /** A level of the schedule (`primary`, `secondary`), `channel`, or `person:<name>`. */
    notify: z.string().regex(/^([a-z][a-z0-9-]{0,29}|person:[a-z][a-z0-9._-]{0,39})$/, { message: 'must be a level such as primary, channel, or person:<name>' }),
    /** How long to wait for an acknowledgement before the next step. */
    wait: duration.refine((d) => parseDuration(d) >= 60_000, { message: 'must be at least 1m' }).default('5m'),
    /** For `channel`: people or `role:<name>` to mention. */
    mention: z.array(z.string()).default([]),
  })
  .strict();

/** An outgoing webhook a page is also sent to, signed with the secret in the variable `secretEnv` names. */
export const webhookOutletSchema = z
  .object({
    url: z.url(),
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'must name an environment variable such as DAYOPS_PAGING_SECRET' }),
  })
  .strict();

/** Where a person is paged besides a direct message. */
export const contactSchema = z
  .object({
    email: z.email().optional(),
    webhook: webhookOutletSchema.optional(),
  })
  .strict();

/** The SMTP server pages are mailed through (nodemailer); the password comes from `secretEnv`. */
export const emailOutletSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    from: z.string().min(3),
    user: z.string().optional(),
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
  })
  .strict();

export const policySchema = z
  .object({
    /** Groups of these severities escalate; others are only posted. */
    severities: z.array(z.string()).default(['critical']),
    steps: z.array(escalationStepSchema).min(1, { message: 'a policy needs at least one step' }),
    /** How many more times the steps run after the first round, while nobody acknowledges. */
    repeat: z.number().int().min(0).max(10).default(0),
    /** Every page of this policy also goes here (an SMS or phone bridge). */
    webhook: webhookOutletSchema.optional(),
  })
  .strict();

export const oncallConfigSchema = z
  .object({
    schedules: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { message: 'schedule names are lower-case letters, digits and -' }), scheduleSchema).default({}),
    policies: z.record(z.string(), policySchema).default({}),
    /** E-mail addresses and webhooks people are paged at besides a direct message, by person. */
    contacts: z.record(z.string(), contactSchema).default({}),
    email: emailOutletSchema.optional(),
    /** A service's own escalation policy: wins over its schedule's, loses to an alert route's. */
    services: z.record(z.string(), z.object({ policy: z.string() }).strict()).default({}),
    /** The policy for alerts that no route, service or schedule gives one. */
    defaultPolicy: z.string().optional(),
    /** A prod deploy requested this close to the end of the requester's own shift asks for a confirmation. */
    lastMinutesConfirm: duration.default('30m'),
    /** Environments whose services need on-call coverage without a gap for this long. */
    coverageRequired: z.array(z.string()).default([]),
    coverageDays: z.number().int().min(1).max(90).default(14),
  })
  .strict();

export type OncallConfig = z.infer<typeof oncallConfigSchema>;
export type ScheduleConfig = z.infer<typeof scheduleSchema>;
export type LayerConfig = z.infer<typeof layerSchema>;
export type RestrictionConfig = z.infer<typeof restrictionSchema>;
export type PolicyConfig = z.infer<typeof policySchema>;
export type EscalationStepConfig = z.infer<typeof escalationStepSchema>;

/** Day names to ISO weekday numbers (Monday 1 … Sunday 7), or undefined when the text is not days. */
export function expandDays(text: string): number[] | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'weekdays') return [1, 2, 3, 4, 5];
  if (t === 'weekends') return [6, 7];
  const [a, b] = t.split('-');
  const from = DAY_NAMES.indexOf(a as DayName);
  const to = b === undefined ? from : DAY_NAMES.indexOf(b as DayName);
  if (from < 0 || to < 0 || from > to) return undefined;
  return DAY_NAMES.slice(from, to + 1).map((_, i) => from + i + 1);
}
export type WebhookOutletConfig = z.infer<typeof webhookOutletSchema>;
export type EmailOutletConfig = z.infer<typeof emailOutletSchema>;
