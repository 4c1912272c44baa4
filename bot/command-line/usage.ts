import type { ArgSpec, CommandDefinition } from '../command.js';
import { ID_PREFIXES } from '../ids.js';

/** `deploy <service> <version> [to] <env> [--reason <text>]`, generated from the definition. */
export function usage(definition: Pick<CommandDefinition, 'name' | 'args'>): string {
  const positionals = definition.args.filter((a) => a.kind === 'positional').map(positionalUsage);
  const flags = definition.args.filter((a) => a.kind === 'flag').map(flagUsage);
  return [definition.name, ...positionals, ...flags].join(' ');
}

function positionalUsage(arg: ArgSpec): string {
  const label = `<${arg.placeholder ?? arg.name}${arg.rest ? '…' : ''}>`;
  const word = arg.required ? label : `[${label}]`;
  return arg.after ? `[${arg.after}] ${word}` : word;
}

function flagUsage(arg: ArgSpec): string {
  const flag = arg.type === 'boolean' ? `--${arg.name}` : `--${arg.name} <${valueLabel(arg)}>`;
  const word = arg.required ? flag : `[${flag}]`;
  return arg.repeatable ? `${word}…` : word;
}

/** What a flag's value looks like, when the definition does not say. */
export function valueLabel(arg: ArgSpec): string {
  if (arg.placeholder) return arg.placeholder;
  switch (arg.type) {
    case 'text':
      return 'text';
    case 'person':
      return '@person';
    case 'id':
      return arg.idKind ? `${ID_PREFIXES[arg.idKind]}-n` : 'id';
    case 'integer':
      return 'n';
    case 'duration':
    case 'time':
      return arg.type;
    default:
      return arg.name;
  }
}
