import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, ArgType, CommandDefinition } from '../../../bot/command.js';
import type { CommandRegistry } from '../../../bot/registry.js';
import { commandPaths, discordName } from './command-paths.js';
import type { DiscordConfig } from './config.js';
import { commandContexts } from './guild-scope.js';
import { clip } from './limits.js';

export const OPS_COMMAND = 'ops';

/** Discord's own limits on one chat-input command. */
export const DISCORD_LIMITS = { topLevel: 25, subcommands: 25, options: 25, choices: 25, name: 32, description: 100, choice: 100, total: 8000 } as const;

/** dayops keeps /ops under this share of each limit, so a few new commands never break registration. */
export const HEADROOM = 0.9;

export type OpsCommandJson = RESTPutAPIApplicationCommandsJSONBody[number];

export { commandIndex, discordName, type CommandIndex } from './command-paths.js';

export type RegistrationScope = Pick<DiscordConfig, 'allowDMs' | 'memberPermissions'>;

const DEFAULT_SCOPE: RegistrationScope = { allowDMs: false, memberPermissions: '2048' };

/**
 * Description lengths (of commands, of their options) tried in turn until /ops fits its character
 * budget. Options go shorter last: there are more of them, and Discord shows their names first.
 */
const DESCRIPTION_STEPS: { command: number; option: number }[] = [
  ...[Math.floor(DISCORD_LIMITS.description * HEADROOM), 80, 64, 50, 40, 32].map((n) => ({ command: n, option: n })),
  { command: 32, option: 24 },
  { command: 32, option: 16 },
];

/**
 * `/ops` from the same definitions the router uses (command-paths.ts names them). Descriptions
 * are shortened until the whole stays within 90% of Discord's 8,000 characters; generation
 * throws when the definitions cannot fit Discord's limits at all.
 */
export function opsCommand(registry: CommandRegistry, scope: RegistrationScope = DEFAULT_SCOPE): OpsCommandJson {
  const budget = Math.floor(DISCORD_LIMITS.total * HEADROOM);
  let command: OpsCommandJson | undefined;
  for (const max of DESCRIPTION_STEPS) {
    command = buildCommand(registry, scope, max);
    if (characterCount(command) <= budget) return command;
  }
  const total = characterCount(command);
  throw new Error(`/ops has ${total} characters of names, descriptions and choices even with short descriptions; dayops keeps it under ${budget} (90% of Discord's ${DISCORD_LIMITS.total}).`);
}

type Lengths = (typeof DESCRIPTION_STEPS)[number];

function buildCommand(registry: CommandRegistry, scope: RegistrationScope, max: Lengths): OpsCommandJson {
  const top: (APIApplicationCommandSubcommandGroupOption | APIApplicationCommandSubcommandOption)[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandGroupOption>();
  for (const path of commandPaths(registry)) {
    const sub = subcommand(path.sub, path.definition, max);
    if (!path.group) {
      top.push(sub);
      continue;
    }
    let group = groups.get(path.group);
    if (!group) {
      group = { type: ApplicationCommandOptionType.SubcommandGroup, name: path.group, description: `${path.group} commands`, options: [] };
      groups.set(path.group, group);
      top.push(group);
    }
    group.options!.push(sub);
    if (group.options!.length > DISCORD_LIMITS.subcommands) {
      throw new Error(`The ${path.group} group has ${group.options!.length} commands; Discord allows ${DISCORD_LIMITS.subcommands} per group. Split the group.`);
    }
  }
  if (top.length > DISCORD_LIMITS.topLevel) throw new Error(`/ops would have ${top.length} groups and commands at its top level; Discord allows ${DISCORD_LIMITS.topLevel}.`);
  return {
    type: ApplicationCommandType.ChatInput,
    name: OPS_COMMAND,
    description: 'dayops: decisions, deployments, alerts, incidents and reminders',
    // Installed to servers only, used in servers (and DMs only when allowed), by members with these permissions.
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: commandContexts(scope.allowDMs),
    default_member_permissions: scope.memberPermissions,
    options: top,
  };
}

function subcommand(name: string, definition: CommandDefinition, max: Lengths): APIApplicationCommandSubcommandOption {
  if (definition.args.length > DISCORD_LIMITS.options) throw new Error(`${definition.name} has ${definition.args.length} arguments; Discord allows ${DISCORD_LIMITS.options}.`);
  // Discord refuses a required option after an optional one.
  const ordered = [...definition.args.filter((a) => a.required), ...definition.args.filter((a) => !a.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: describe(definition.summary, max.command),
    options: ordered.map((a) => option(a, max.option)),
  };
}

const OPTION_TYPES: Record<ArgType, ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Boolean | ApplicationCommandOptionType.User | ApplicationCommandOptionType.Channel> = {
  string: ApplicationCommandOptionType.String,
  text: ApplicationCommandOptionType.String,
  // Ids stay text so both `12` and `DEP-12` can be typed.
  id: ApplicationCommandOptionType.String,
  duration: ApplicationCommandOptionType.String,
  time: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  person: ApplicationCommandOptionType.User,
  channel: ApplicationCommandOptionType.Channel,
};

/** A repeatable argument becomes one text option holding a list (`api, web`). */
export function optionType(spec: ArgSpec): ApplicationCommandOptionType {
  return spec.repeatable ? ApplicationCommandOptionType.String : OPTION_TYPES[spec.type];
}

function option(spec: ArgSpec, max: number): APIApplicationCommandBasicOption {
  const type = optionType(spec);
  const base = { name: discordName(spec.name), description: describe(spec.description, max), required: Boolean(spec.required) };
  if (type === ApplicationCommandOptionType.String && spec.choices && !spec.repeatable) {
    if (spec.choices.length > DISCORD_LIMITS.choices) throw new Error(`${spec.name} has ${spec.choices.length} choices; Discord allows ${DISCORD_LIMITS.choices}.`);
    return { ...base, type, choices: spec.choices.map((c) => ({ name: clip(c, DISCORD_LIMITS.choice), value: c.slice(0, DISCORD_LIMITS.choice) })) };
  }
  return { ...base, type } as APIApplicationCommandBasicOption;
}

function describe(text: string, max: number): string {
  return clip(text.trim() || '-', max);
}

/** Discord's count: names, descriptions and choice names and values, all levels. */
export function characterCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + characterCount(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'name' || key === 'description' || key === 'value') && (typeof v === 'string' || typeof v === 'number')) n += String(v).length;
    else n += characterCount(v);
  }
  return n;
}
