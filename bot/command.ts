import type { z } from 'zod';
import type { AuditEvent, Tx } from '../data/store.js';
import type { IdKind } from './ids.js';
import type { Actor, Place, Reply } from './model.js';
import type { Ops } from './ops.js';
import type { Permission, PermissionNeed } from './permissions.js';

/** Groups keep platforms with nested slash commands under their 25-subcommands-per-level limit, and order `help`. */
export const COMMAND_GROUPS = ['general', 'decisions', 'deploys', 'alerts', 'incidents', 'reminders', 'runbooks', 'oncall'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

/** How an argument is typed; adapters use it for typed command options and help text. */
export type ArgType = 'string' | 'text' | 'id' | 'person' | 'channel' | 'duration' | 'time' | 'integer' | 'boolean';

export interface ArgSpec {
  name: string;
  /** Positional arguments come in order; flags are `--name value` or `--name=value`. */
  kind: 'positional' | 'flag';
  type: ArgType;
  description: string;
  required?: boolean;
  /** Free text that takes the rest of the line, up to the next unquoted flag. */
  rest?: boolean;
  /** An optional word that may stand before the argument (`to` in `deploy api 1.4.2 to production`). */
  after?: string;
  /** The allowed values, offered as choices where the platform can. */
  choices?: readonly string[];
  /** The flag may be given several times (`--service api --service web`); the value is a list. */
  repeatable?: boolean;
  /** For `id` arguments: the kind a bare number means. */
  idKind?: IdKind;
  /** Shown in the usage line instead of the name. */
  placeholder?: string;
}

/** Arguments as read from the command line, before validation. */
export type RawArgs = Record<string, string | string[] | boolean | number | undefined>;

export interface CommandContext<A> {
  args: A;
  actor: Actor;
  place: Place;
  ops: Ops;
  now: Date;
  /**
   * Runs a state change. Inside it, the input's idempotency key is recorded in the same
   * transaction, so a redelivery after a crash is recognised.
   */
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Builds an audit event with this input's actor, platform and time. */
  auditEvent(action: string, target: string | undefined, summary: string, outcome?: AuditEvent['outcome']): AuditEvent;
  /** The commands the router knows, for `help`; set by the router. */
  commands?: CommandCatalog;
}

/** What `help` may read about the registered commands. */
export interface CommandCatalog {
  all(): CommandDefinition[];
  find(name: string): CommandDefinition | undefined;
}

/**
 * A permission that depends on the arguments, and may read the store (the environment of the
 * deployment an `approve` names). Declared as a method so its parameter is bivariant: a
 * definition with typed arguments still fits a list of CommandDefinition.
 */
type PermissionOf<A> = { need(args: A, ops: Ops): PermissionNeed | Promise<PermissionNeed> }['need'];

export interface CommandDefinition<S extends z.ZodType = z.ZodType> {
  /** One to three words: `deploy`, `decision show`, `oncall schedule create`. */
  name: string;
  group: CommandGroup;
  summary: string;
  /** Extra help shown by `help <command>`. */
  description?: string;
  examples: string[];
  args: ArgSpec[];
  /** Validates and converts the raw arguments; its messages are shown to the person. */
  schema: S;
  permission: Permission | PermissionOf<z.output<S>>;
  handler(ctx: CommandContext<z.output<S>>): Promise<Reply>;
}

/** A button press: declared once, rendered by every adapter, checked like a command. */
export interface ActionDefinition {
  /** `deploy.approve`; buttons carry it. */
  name: string;
  permission: Permission | ((value: string, ops: Ops) => PermissionNeed | Promise<PermissionNeed>);
  handler(ctx: CommandContext<{ value: string; messageKey?: string }>): Promise<Reply>;
}

/** Keeps the schema's output type attached to the handler without repeating it. */
export function defineCommand<S extends z.ZodType>(definition: CommandDefinition<S>): CommandDefinition<S> {
  return definition;
}

export function defineAction(definition: ActionDefinition): ActionDefinition {
  return definition;
}
