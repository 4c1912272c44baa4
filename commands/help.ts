import { z } from 'zod';
import { COMMAND_GROUPS, defineCommand, type ArgSpec, type CommandCatalog, type CommandDefinition } from '../bot/command.js';
import { suggestCommands } from '../bot/command-line/suggest.js';
import { usage } from '../bot/command-line/usage.js';
import { notFound } from '../bot/errors.js';
import { reply, type Field, type Reply } from '../bot/model.js';

export const helpCommand = defineCommand({
  name: 'help',
  group: 'general',
  summary: 'Lists the commands, or explains one.',
  description: 'Everything here is generated from the command definitions, so it is never out of date.',
  examples: ['help', 'help deploy', 'help decision show'],
  args: [
    {
      name: 'command',
      kind: 'positional',
      type: 'string',
      rest: true,
      description: 'The command to explain, such as deploy or decision show.',
    },
  ],
  schema: z.object({ command: z.string().trim().toLowerCase().optional() }),
  permission: 'view',
  async handler(ctx) {
    if (!ctx.commands) throw new Error('help needs the command catalog; the router sets it.');
    if (!ctx.args.command) return overview(ctx.commands);
    return explain(ctx.commands, ctx.args.command);
  },
});

function overview(catalog: CommandCatalog): Reply {
  const fields: Field[] = [];
  for (const group of COMMAND_GROUPS) {
    const members = catalog.all().filter((c) => c.group === group);
    if (members.length === 0) continue;
    fields.push({ label: groupTitle(group), value: members.map((c) => `${c.name} — ${c.summary}`).join('\n') });
  }
  return reply(
    { title: 'Commands', fields, context: ['Type help <command> for its arguments and examples.'] },
    'private',
  );
}

function explain(catalog: CommandCatalog, name: string): Reply {
  const definition = catalog.find(name);
  if (!definition) return family(catalog, name);
  const fields: Field[] = [];
  if (definition.args.length > 0) fields.push({ label: 'Arguments', value: definition.args.map(describeArg).join('\n') });
  if (definition.examples.length > 0) fields.push({ label: 'Examples', value: definition.examples.join('\n') });
  fields.push({ label: 'Permission', value: permissionText(definition), short: true });
  const text = [definition.summary, definition.description].filter(Boolean).join('\n\n');
  return reply({ title: usage(definition), text, fields }, 'private');
}

/** `help decision` lists the decision commands; anything else is a typo to correct. */
function family(catalog: CommandCatalog, name: string): Reply {
  const members = catalog.all().filter((c) => c.name.startsWith(`${name} `));
  if (members.length > 0) {
    const value = members.map((c) => `${usage(c)} — ${c.summary}`).join('\n');
    return reply({ title: `The ${name} commands`, fields: [{ label: 'Commands', value }] }, 'private');
  }
  const suggestions = suggestCommands(name.split(/\s+/), catalog.all().map((c) => c.name));
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : ' Type help to see every command.';
  throw notFound(`There is no command "${name}".${hint}`);
}

function describeArg(arg: ArgSpec): string {
  const name = arg.kind === 'flag' ? `--${arg.name}` : arg.name;
  const notes = [
    arg.required ? 'required' : 'optional',
    arg.repeatable ? 'may be given more than once' : undefined,
    arg.choices ? `one of ${arg.choices.join(', ')}` : undefined,
  ].filter(Boolean);
  return `${name} (${notes.join('; ')}) — ${arg.description}`;
}

function permissionText(definition: CommandDefinition): string {
  if (typeof definition.permission === 'string') return definition.permission;
  return 'depends on the arguments (for example the environment)';
}

function groupTitle(group: string): string {
  return group.charAt(0).toUpperCase() + group.slice(1);
}
