/**
 * The neutral model: what adapters turn platform events into, and what they render.
 * Nothing here knows a chat platform or the terminal.
 */

/** Where an actor comes from: a chat platform's name (each adapter has one), `http`, `github`, `system`. */
export type Platform = string;

/** Who is asking. `person` is the dayops person the platform identity maps to, if any. */
export interface Actor {
  platform: Platform;
  /** The platform's own user id (a chat user id, the shell person's name, an API token's name). */
  userId: string;
  displayName: string;
  person?: string;
  /** Platform group memberships the config may map to roles (user groups, server role ids). */
  groups?: string[];
}

/** Where: a platform-qualified channel (`shell:ops`, `<platform>:<id>`) and optional thread. */
export interface Place {
  channel: string;
  /** The key of the bot message whose thread this is, when the input arrived in a thread. */
  thread?: string;
}

export interface CommandInput {
  actor: Actor;
  place: Place;
  /** The command line as typed (`deploy api 1.4.2 to production`). */
  text: string;
  /**
   * Structured options from platforms that send them (typed slash commands): the command name and its
   * option values. When present they are used instead of parsing `text`.
   */
  structured?: { command: string; options: Record<string, string | number | boolean> };
  /** Derived from the platform's own ids, so a retried delivery is recognised. */
  idempotencyKey?: string;
}

export interface ActionInput {
  actor: Actor;
  place: Place;
  /** The action's name as declared on the button (`deploy.approve`). */
  action: string;
  /** The button's value, or the chosen option of a choice list. */
  value: string;
  /** The key of the message the button was on, when known. */
  messageKey?: string;
  idempotencyKey?: string;
}

/** A reply in a thread the bot owns, from platforms that deliver them (event APIs, gateways, WebSockets). */
export interface ThreadReplyInput {
  actor: Actor;
  place: Place & { thread: string };
  text: string;
  idempotencyKey?: string;
}

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A point in time, rendered in the reader's or the team's time zone. */
export interface TimeValue {
  at: string;
  /** `relative` renders "in 5 minutes" / "2 hours ago" next to the time. */
  style?: 'datetime' | 'date' | 'relative';
}

export type FieldValue = string | TimeValue;

export interface Field {
  label: string;
  value: FieldValue;
  /** Short fields may sit side by side. */
  short?: boolean;
}

export type Mention = { person: string } | { role: string };

export interface Confirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface ActionButton {
  kind: 'action';
  label: string;
  action: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
  /**
   * Why the button cannot be pressed now; the message's text says so too. Platforms that grey
   * buttons out show it disabled, others leave it out.
   */
  disabled?: string;
}

export interface LinkButton {
  kind: 'link';
  label: string;
  url: string;
}

export interface ChoiceButton {
  kind: 'choice';
  label: string;
  action: string;
  options: { label: string; value: string }[];
  confirm?: Confirm;
}

export type Button = ActionButton | LinkButton | ChoiceButton;

export interface OpsMessage {
  title?: string;
  text?: string;
  fields?: Field[];
  tone?: Tone;
  mentions?: Mention[];
  buttons?: Button[];
  /** Small print under the message (ids, who did what last). */
  context?: string[];
  /** The time the message is about (when an alert started, when a deploy finished). */
  time?: TimeValue;
}

/** What a command or button gives back to the person who used it. */
export interface Reply {
  message: OpsMessage;
  /** `private` replies go to the asker only (an ephemeral message where the platform has one). */
  visibility: 'private' | 'public';
  /** Set when the input was refused or failed, so scripted callers (piped shell --strict) can tell. */
  failed?: boolean;
}

export function reply(message: OpsMessage, visibility: Reply['visibility'] = 'public'): Reply {
  return { message, visibility };
}

export function isTimeValue(v: FieldValue): v is TimeValue {
  return typeof v === 'object' && v !== null && 'at' in v;
}

/** Channels are platform-qualified; this splits `<platform>:C123` into its parts. */
export function splitChannel(channel: string): { platform: string; id: string } {
  const i = channel.indexOf(':');
  if (i < 0) return { platform: 'shell', id: channel.replace(/^#/, '') };
  return { platform: channel.slice(0, i), id: channel.slice(i + 1).replace(/^#/, '') };
}
