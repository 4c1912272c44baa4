import { ApplicationCommandOptionType, Routes, type REST } from 'discord.js';
import type { CommandRegistry } from '../../../bot/registry.js';
import { opsCommand, type OpsCommandJson, type RegistrationScope } from './application-command.js';

export interface RegisterTarget {
  applicationId: string;
  /** A guild's commands update at once (for trying things out); global ones everywhere. */
  guildId?: string;
}

/** What a registration changed, one line per command or subcommand. */
export interface RegisterResult {
  changes: string[];
  scope: string;
}

interface LooseOption {
  type: number;
  name: string;
  description?: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: LooseOption[];
}

interface LooseCommand {
  name: string;
  description?: string;
  options?: LooseOption[];
  contexts?: number[] | null;
  integration_types?: number[];
  default_member_permissions?: string | null;
}

/** Discord answered something that is not a list of commands (a proxy's page, an error body). */
export class UnexpectedDiscordAnswer extends Error {
  override readonly name = 'UnexpectedDiscordAnswer';
}

/**
 * `dayops discord-register`: overwrites the application's commands with `/ops` (one PUT, so
 * commands dayops no longer has disappear) and says what changed against what was registered.
 */
export async function registerCommands(rest: REST, target: RegisterTarget, registry: CommandRegistry, usage?: RegistrationScope): Promise<RegisterResult> {
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  const desired: OpsCommandJson[] = [opsCommand(registry, usage)];
  const current = commandList(await rest.get(route), `GET ${route}`);
  commandList(await rest.put(route, { body: desired }), `PUT ${route}`);
  const scope = target.guildId ? `guild ${target.guildId}` : 'all servers (global; may take up to an hour to show)';
  return { scope, changes: describeChanges(current, desired as LooseCommand[]) };
}

function commandList(answer: unknown, what: string): LooseCommand[] {
  const ok = Array.isArray(answer) && answer.every((c) => typeof c === 'object' && c !== null && typeof (c as LooseCommand).name === 'string');
  if (ok) return answer as LooseCommand[];
  const shown = JSON.stringify(answer)?.slice(0, 120) ?? String(answer);
  throw new UnexpectedDiscordAnswer(`Discord answered ${what} with something that is not a list of commands (${shown}); check DISCORD_API_URL and try again.`);
}

export function describeChanges(current: readonly LooseCommand[], desired: readonly LooseCommand[]): string[] {
  const lines: string[] = [];
  for (const command of desired) {
    const before = current.find((c) => c.name === command.name);
    if (!before) lines.push(`added /${command.name} (${leaves(command).size} subcommands)`);
    else lines.push(...scopeChanges(command.name, before, command), ...subcommandChanges(command.name, leaves(before), leaves(command)));
  }
  for (const command of current) {
    if (!desired.some((d) => d.name === command.name)) lines.push(`removed /${command.name}`);
  }
  return lines;
}

/** Where the command may be used and by whom; Discord answers null where nothing is set. */
function scopeChanges(name: string, before: LooseCommand, after: LooseCommand): string[] {
  const shape = (c: LooseCommand) => JSON.stringify([c.contexts ?? null, c.integration_types ?? null, c.default_member_permissions ?? null]);
  return shape(before) === shape(after) ? [] : [`changed /${name}: used in ${contextNames(after.contexts)}, by members with permissions ${after.default_member_permissions ?? 'any'}`];
}

function contextNames(contexts: readonly number[] | null | undefined): string {
  const names = ['servers', 'DMs with the bot', 'other DMs'];
  return (contexts ?? [0, 1, 2]).map((c) => names[c] ?? `context ${c}`).join(' and ');
}

function subcommandChanges(name: string, before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [path, shape] of after) {
    const old = before.get(path);
    if (old === undefined) lines.push(`added /${name} ${path}`);
    else if (old !== shape) lines.push(`changed /${name} ${path}`);
  }
  for (const path of before.keys()) if (!after.has(path)) lines.push(`removed /${name} ${path}`);
  return lines;
}

/** Every subcommand (`deploys approve`) with a canonical form of its description and options. */
function leaves(command: LooseCommand): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (options: readonly LooseOption[] | undefined, prefix: string[]) => {
    for (const o of options ?? []) {
      if (o.type === ApplicationCommandOptionType.SubcommandGroup) walk(o.options, [...prefix, o.name]);
      else if (o.type === ApplicationCommandOptionType.Subcommand) out.set([...prefix, o.name].join(' '), canonical(o));
    }
  };
  walk(command.options, []);
  return out;
}

/** Discord leaves out `required: false` and adds ids; compare only what dayops sets. */
function canonical(sub: LooseOption): string {
  const options = (sub.options ?? []).map((o) => ({
    type: o.type,
    name: o.name,
    description: o.description ?? '',
    required: Boolean(o.required),
    choices: (o.choices ?? []).map((c) => [c.name, c.value]),
  }));
  return JSON.stringify({ description: sub.description ?? '', options });
}
