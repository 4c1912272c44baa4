import type { CommandDefinition, RawArgs } from '../command.js';
import { badInput, UserError } from '../errors.js';
import type { CommandRegistry } from '../registry.js';
import { readArgs } from './read-args.js';
import { suggestCommands } from './suggest.js';
import { tokenize } from './tokenize.js';

export interface ParsedLine {
  definition: CommandDefinition;
  /** Arguments as typed, before validation. */
  raw: RawArgs;
}

/** Finds the command a line names and reads its arguments (not yet validated). */
export function parseLine(text: string, registry: CommandRegistry): ParsedLine {
  const tokens = tokenize(text);
  const leading = leadingWords(tokens);
  const match = registry.lookup(leading);
  if (!match) throw unknownCommand(leading, registry);
  const raw = readArgs(match.definition.args, tokens.slice(match.words), text);
  return { definition: match.definition, raw };
}

/** Options sent by a platform that has them (Discord): only declared names are accepted. */
export function readOptions(definition: CommandDefinition, options: Record<string, string | number | boolean>): RawArgs {
  const raw: RawArgs = {};
  for (const [name, value] of Object.entries(options)) {
    const spec = definition.args.find((a) => a.name === name);
    if (!spec) throw badInput(`${definition.name} has no option named ${name}.`);
    raw[name] = spec.repeatable && typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value;
  }
  return raw;
}

/** The words that may name a command: unquoted, not flags, at the start of the line. */
function leadingWords(tokens: ReturnType<typeof tokenize>): string[] {
  const words: string[] = [];
  for (const token of tokens.slice(0, 2)) {
    if (token.quoted || token.flag !== undefined) break;
    words.push(token.value);
  }
  return words;
}

function unknownCommand(words: string[], registry: CommandRegistry): UserError {
  const pointer = 'Type help to see every command.';
  if (words.length === 0) return new UserError('unknown_command', 'Start with the name of a command.', [pointer]);
  const suggestions = suggestCommands(words, registry.names());
  const family = registry.names().filter((n) => n.startsWith(`${words[0]!.toLowerCase()} `));
  const typed = suggestions[0] ? words.slice(0, suggestions[0].split(' ').length).join(' ') : words[0]!;
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${orList(suggestions)}?`
      : family.length > 0
        ? ` The ${words[0]} commands are ${family.join(', ')}.`
        : '';
  const shown = suggestions.length === 0 && family.length > 0 ? words.join(' ') : typed;
  return new UserError('unknown_command', `There is no command "${shown}".${hint}`, [pointer]);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
