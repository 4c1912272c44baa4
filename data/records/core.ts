import { z } from 'zod';

/** A handled input's key and the reply it got, so a redelivery answers the same. */
export const idempotencySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Absent while the first delivery is still being handled, or when it crashed mid-way. */
  reply: z.unknown().optional(),
});

/** The neutral message is validated where it is built; the store only needs it to be an object. */
const messageSchema = z.record(z.string(), z.unknown());

/** A message waiting to be delivered (or an edit waiting to be applied). */
export const outboxSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  op: z.enum(['post', 'edit']),
  channel: z.string(),
  /** The message's stable key; edits address it, threads hang under it. */
  key: z.string(),
  /** Key of the message whose thread this goes into. */
  thread: z.string().optional(),
  message: messageSchema,
  /** Lets a resend after a crash be recognised where the platform allows it. */
  dedupeKey: z.string(),
  attempts: z.number().int(),
  notBefore: z.string(),
  createdAt: z.string(),
  lastError: z.string().optional(),
  /** The person whose command or button caused the message, told if it cannot be delivered. */
  origin: z.object({ platform: z.string(), userId: z.string(), channel: z.string() }).optional(),
});

/** A message the bot has posted, so it can be edited and its thread found again. */
export const postSchema = z.object({
  id: z.string(),
  channel: z.string(),
  /** The platform's reference to the message (its timestamp, message id or shell number). */
  ref: z.string(),
  /** The platform's reference to the thread the message sits in, if any. */
  threadRef: z.string().optional(),
  /** The platform's reference to the thread opened under this message (a thread channel). */
  ownThreadRef: z.string().optional(),
  postedAt: z.string(),
  /** The message as last delivered, so an edit to identical content can be skipped. */
  message: messageSchema.optional(),
});

/** Reverse lookup from a platform message to the bot's key: `${channel}|${ref}` → key. */
export const postRefSchema = z.object({ id: z.string(), key: z.string() });

/** A message a platform refused for good, kept a week for /readyz and `dayops doctor`. */
export const undeliverableSchema = z.object({
  id: z.string(),
  at: z.string(),
  channel: z.string(),
  key: z.string(),
  op: z.enum(['post', 'edit']),
  /** The platform's word for it (`not_in_channel`, `50013`) and how a person fixes it. */
  reason: z.string(),
  fix: z.string(),
  title: z.string().optional(),
  /** True when this one was announced; the same channel and reason are announced once an hour. */
  announced: z.boolean(),
});

/** A scheduled job: fires once at dueAt, or on a cron schedule. */
export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  dueAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  cron: z.string().optional(),
  tz: z.string().optional(),
  createdAt: z.string(),
});

export type IdempotencyRecord = z.infer<typeof idempotencySchema>;
export type OutboxRecord = z.infer<typeof outboxSchema>;
export type PostRecord = z.infer<typeof postSchema>;
export type UndeliverableRecord = z.infer<typeof undeliverableSchema>;
export type JobRecord = z.infer<typeof jobSchema>;
