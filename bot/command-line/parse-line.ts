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

/** Options sent by a platform that has them (typed slash-command options): only declared names are accepted. */
export function readOptions(definition: CommandDefinition, options: Record<string, string | number | boolean>): RawArgs {
  const raw: RawArgs = {};
  for (const [name, value] of Object.entries(options)) {
    const spec = definition.args.find((a) => a.name === name);
    if (!spec) throw badInput(`${definition.name} has no option named ${name}.`);
    // A platform option cannot repeat, so a repeatable one arrives as one list: `api, web`.
    raw[name] = spec.repeatable && typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value;
  }
  return raw;
}

/** The words that may name a command: unquoted, not flags, at the start of the line. */
function leadingWords(tokens: ReturnType<typeof tokenize>): string[] {
  const words: string[] = [];
  for (const token of tokens.slice(0, 3)) {
    if (token.quoted || token.flag !== undefined) break;
    words.push(token.value);
  }
  return words;
}

function unknownCommand(words: string[], registry: CommandRegistry): UserError {
  const fail = (message: string) => new UserError('unknown_command', message, ['Type help to see every command.']);
  if (words.length === 0) return fail('Start with the name of a command.');
  const family = registry.names().filter((n) => n.startsWith(`${words[0]!.toLowerCase()} `));
  if (words.length === 1 && family.length > 0) {
    // A group's first word alone (`decision`) is a command still missing its second word.
    const near = suggestCommands(words, registry.names()).filter((n) => !family.includes(n));
    const also = near.length > 0 ? ` Or did you mean ${orList(near)}?` : '';
    return fail(`"${words[0]}" needs a second word: ${orList(family)}.${also}`);
  }
  const suggestions = suggestCommands(words, registry.names());
  if (suggestions.length > 0) {
    const typed = words.slice(0, suggestions[0]!.split(' ').length).join(' ');
    return fail(`There is no command "${typed}". Did you mean ${orList(suggestions)}?`);
  }
  if (family.length > 0) {
    return fail(`There is no command "${words.join(' ')}". The ${words[0]} commands are ${family.join(', ')}.`);
  }
  return fail(`There is no command "${words[0]}".`);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
