import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, ArgType, CommandDefinition, CommandGroup } from '../../../bot/command.js';
import type { CommandRegistry } from '../../../bot/registry.js';
import type { DiscordConfig } from './config-schema.js';
import { commandContexts } from './guild-scope.js';
import { clip } from './limits.js';

export const OPS_COMMAND = 'ops';

/** Discord's own limits on one chat-input command. */
const MAX = { groups: 25, subcommands: 25, options: 25, choices: 25, description: 100, choice: 100, total: 8000 } as const;

export type OpsCommandJson = RESTPutAPIApplicationCommandsJSONBody[number];

/** Discord names are lower-case, 1–32 characters, no spaces: `decision show` → `decision-show`, `dryRun` → `dry-run`. */
export function discordName(name: string): string {
  const out = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/\s+/g, '-');
  if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(out)) throw new Error(`"${name}" cannot be a Discord command or option name ("${out}").`);
  return out;
}

/** Where a subcommand leads: the definition it runs, by group and subcommand name. */
export interface CommandIndex {
  find(group: string, subcommand: string): CommandDefinition | undefined;
}

export function commandIndex(registry: CommandRegistry): CommandIndex {
  const map = new Map<string, CommandDefinition>();
  for (const [group, definitions] of registry.byGroup()) {
    for (const d of definitions) map.set(`${group} ${discordName(d.name)}`, d);
  }
  return { find: (group, subcommand) => map.get(`${group} ${subcommand}`) };
}

/**
 * `/ops` from the same definitions the router uses: each group a subcommand group, each command
 * a subcommand with typed options. Throws at generation when Discord's limits would refuse it.
 */
export type RegistrationScope = Pick<DiscordConfig, 'allowDMs' | 'memberPermissions'>;

const DEFAULT_SCOPE: RegistrationScope = { allowDMs: false, memberPermissions: '2048' };

export function opsCommand(registry: CommandRegistry, scope: RegistrationScope = DEFAULT_SCOPE): OpsCommandJson {
  const groups = [...registry.byGroup()];
  if (groups.length > MAX.groups) throw new Error(`/ops would have ${groups.length} subcommand groups; Discord allows ${MAX.groups}.`);
  const command: OpsCommandJson = {
    type: ApplicationCommandType.ChatInput,
    name: OPS_COMMAND,
    description: 'dayops: decisions, deployments, alerts, incidents and reminders',
    // Installed to servers only, used in servers (and DMs only when allowed), by members with these permissions.
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: commandContexts(scope.allowDMs),
    default_member_permissions: scope.memberPermissions,
    options: groups.map(([group, definitions]) => subcommandGroup(group, definitions)),
  };
  const total = characterCount(command);
  if (total > MAX.total) throw new Error(`/ops has ${total} characters of names, descriptions and choices; Discord allows ${MAX.total}.`);
  return command;
}

function subcommandGroup(group: CommandGroup, definitions: readonly CommandDefinition[]): APIApplicationCommandSubcommandGroupOption {
  if (definitions.length > MAX.subcommands) {
    throw new Error(`The ${group} group has ${definitions.length} commands; Discord allows ${MAX.subcommands} per group. Split the group.`);
  }
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    name: discordName(group),
    description: `The ${group} commands`,
    options: definitions.map(subcommand),
  };
}

function subcommand(definition: CommandDefinition): APIApplicationCommandSubcommandOption {
  if (definition.args.length > MAX.options) throw new Error(`${definition.name} has ${definition.args.length} arguments; Discord allows ${MAX.options}.`);
  // Discord refuses a required option after an optional one.
  const ordered = [...definition.args.filter((a) => a.required), ...definition.args.filter((a) => !a.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: discordName(definition.name),
    description: describe(definition.summary),
    options: ordered.map(option),
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

function option(spec: ArgSpec): APIApplicationCommandBasicOption {
  const type = optionType(spec);
  const base = { name: discordName(spec.name), description: describe(spec.description), required: Boolean(spec.required) };
  if (type === ApplicationCommandOptionType.String && spec.choices && !spec.repeatable) {
    if (spec.choices.length > MAX.choices) throw new Error(`${spec.name} has ${spec.choices.length} choices; Discord allows ${MAX.choices}.`);
    return { ...base, type, choices: spec.choices.map((c) => ({ name: clip(c, MAX.choice), value: c.slice(0, MAX.choice) })) };
  }
  return { ...base, type } as APIApplicationCommandBasicOption;
}

function describe(text: string): string {
  return clip(text.trim() || '-', MAX.description);
}

/** Discord's count: names, descriptions and choice names and values, all levels. */
function characterCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + characterCount(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'name' || key === 'description' || key === 'value') && (typeof v === 'string' || typeof v === 'number')) n += String(v).length;
    else n += characterCount(v);
  }
  return n;
}
