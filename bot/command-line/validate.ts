import type { z } from 'zod';
import type { CommandDefinition, RawArgs } from '../command.js';
import { badInput } from '../errors.js';
import { usage } from './usage.js';

/**
 * Runs the definition's schema over the raw arguments. On failure the person gets one plain
 * sentence per problem, each naming the argument, and the usage line under them.
 */
export function validateArgs<S extends z.ZodType>(definition: CommandDefinition<S>, raw: RawArgs): z.output<S> {
  const result = definition.schema.safeParse(raw);
  if (result.success) return result.data;
  const sentences = result.error.issues.map((issue) => describeIssue(issue, raw));
  throw badInput(unique(sentences).join(' '), [`Usage: ${usage(definition)}`]);
}

/**
 * `version: must be 1 to 128 letters, digits or ._-+/.` A schema message that starts with a
 * capital letter is already a whole sentence and is shown as it is.
 */
export function describeIssue(issue: z.core.$ZodIssue, raw: RawArgs): string {
  const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '';
  const top = issue.path[0];
  if (typeof top === 'string' && raw[top] === undefined && issue.path.length === 1) {
    return `${name} is missing.`;
  }
  const text = plainMessage(issue);
  if (name === '' || /^[A-Z"]/.test(text)) return sentence(text);
  return sentence(`${name}: ${text}`);
}

function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.message;
    case 'invalid_union':
      return 'is not a value this command understands';
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return hasCustomMessage(issue) ? issue.message : sizeMessage('at least', issue.origin, Number(issue.minimum));
    case 'too_big':
      return hasCustomMessage(issue) ? issue.message : sizeMessage('at most', issue.origin, Number(issue.maximum));
    default:
      return issue.message;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
};

/** Zod's own size messages start with "Too small"/"Too big"; anything else was written for us. */
function hasCustomMessage(issue: z.core.$ZodIssue): boolean {
  return !/^Too (small|big)/.test(issue.message);
}

function sizeMessage(bound: 'at least' | 'at most', origin: string, n: number): string {
  if (origin === 'string') {
    if (bound === 'at least' && n === 1) return 'must not be empty';
    return `must be ${bound} ${n} character${n === 1 ? '' : 's'}`;
  }
  if (origin === 'array') return `must have ${bound} ${n} value${n === 1 ? '' : 's'}`;
  return `must be ${bound} ${n}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}
