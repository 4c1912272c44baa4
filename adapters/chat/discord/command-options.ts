import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption, type APIChatInputApplicationCommandInteractionData } from 'discord.js';
import type { CommandInput } from '../../../bot/model.js';
import { badInput } from '../../../bot/errors.js';
import { discordName, type CommandIndex } from './command-paths.js';

type Structured = NonNullable<CommandInput['structured']>;

/** The typed text a Discord command stands for, for logs and the audit trail: `deploy api version:1.4.2`. */
export interface DecodedCommand {
  structured: Structured;
  text: string;
}

/**
 * `/ops deploy approve id:12` → the definition's name and its options by ArgSpec name. A user
 * option becomes the dayops person it maps to (or `@<id>`), a channel option `discord:<id>`, so
 * the same zod validation as the shell applies.
 */
export function decodeCommand(
  data: APIChatInputApplicationCommandInteractionData,
  index: CommandIndex,
  personFor: (userId: string) => string | undefined,
): DecodedCommand {
  const first = data.options?.[0];
  // `/ops incident declare …` (a group, then its subcommand) or `/ops help` (a subcommand of /ops).
  const grouped = first?.type === ApplicationCommandOptionType.SubcommandGroup;
  const sub = grouped ? first.options?.[0] : first?.type === ApplicationCommandOptionType.Subcommand ? first : undefined;
  const definition = first && sub ? index.find(grouped ? first.name : undefined, sub.name) : undefined;
  if (!definition || !sub) throw badInput('Discord sent a command dayops does not know; run dayops discord-register to bring /ops up to date.');
  const options: Structured['options'] = {};
  for (const option of sub.options ?? []) {
    // Signed by Discord, but a malformed option must still get a sentence, not a crash report.
    if (typeof option !== 'object' || option === null || typeof option.name !== 'string') throw badInput('Discord sent an option dayops cannot read.');
    const spec = definition.args.find((a) => discordName(a.name) === option.name);
    if (!spec) throw badInput(`${definition.name} has no option named ${option.name}; run dayops discord-register to bring /ops up to date.`);
    const value = optionValue(option, personFor);
    if (value !== undefined) options[spec.name] = value;
  }
  const text = [definition.name, ...Object.entries(options).map(([k, v]) => `${k}:${String(v)}`)].join(' ');
  return { structured: { command: definition.name, options }, text };
}

function optionValue(option: APIApplicationCommandInteractionDataOption, personFor: (userId: string) => string | undefined): string | number | boolean | undefined {
  switch (option.type) {
    case ApplicationCommandOptionType.User:
      return personFor(option.value) ?? `@${option.value}`;
    case ApplicationCommandOptionType.Channel:
      return `discord:${option.value}`;
    case ApplicationCommandOptionType.String:
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
    case ApplicationCommandOptionType.Boolean:
      return option.value;
    default:
      return undefined;
  }
}
