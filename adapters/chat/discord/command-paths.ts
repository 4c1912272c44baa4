import type { CommandDefinition, CommandGroup } from '../../../bot/command.js';
import type { CommandRegistry } from '../../../bot/registry.js';

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

/** Where a command sits under /ops: a subcommand of a group (`incident declare`), or of /ops itself (`help`). */
export interface CommandPath {
  group?: string;
  sub: string;
  definition: CommandDefinition;
}

/** The feature groups whose commands are subcommands of /ops itself. */
const TOP_LEVEL: ReadonlySet<CommandGroup> = new Set<CommandGroup>(['general']);

/** `incidents` → `incident`: the group reads as the thing the subcommand acts on. */
function groupWord(group: CommandGroup): string {
  return discordName(group.endsWith('s') ? group.slice(0, -1) : group);
}

/**
 * The grammar Discord users expect, from the definitions the router uses: each feature group is
 * a subcommand group named in the singular, and a command drops the words that repeat it
 * (`incident declare` → `/ops incident declare`, `decisions-export` → `/ops decision export`).
 * A command that is only the group's word is `list` when plural (`incidents`), `now` otherwise
 * (`deploy`, `oncall`). A name another command already took keeps its full form.
 */
export function commandPaths(registry: CommandRegistry): CommandPath[] {
  const paths: CommandPath[] = [];
  for (const [group, definitions] of registry.byGroup()) {
    const word = TOP_LEVEL.has(group) ? undefined : groupWord(group);
    const taken = new Set<string>();
    const named = definitions.map((d) => ({ d, short: word ? shortName(d.name, word) : discordName(d.name) }));
    // Exact short names first, so `status` keeps `status` and `deploy-status` falls back to its full name.
    for (const { d, short } of [...named].sort((a, b) => Number(a.short !== discordName(a.d.name)) - Number(b.short !== discordName(b.d.name)))) {
      const sub = taken.has(short) ? discordName(d.name) : short;
      taken.add(sub);
      paths.push({ ...(word ? { group: word } : {}), sub, definition: d });
    }
  }
  const order = new Map(registry.all().map((d, i) => [d, i]));
  return paths.sort((a, b) => order.get(a.definition)! - order.get(b.definition)!);
}

function shortName(name: string, word: string): string {
  const words = name.trim().split(/[\s-]+/);
  const head = words[0]!.toLowerCase();
  const repeats = head === word || head === `${word}s`;
  const rest = repeats ? words.slice(1) : words;
  if (rest.length > 0) return discordName(rest.join('-'));
  return head.endsWith('s') ? 'list' : 'now';
}

/** Where a subcommand leads: the definition it runs, by its path under /ops. */
export interface CommandIndex {
  find(group: string | undefined, subcommand: string): CommandDefinition | undefined;
}

export function commandIndex(registry: CommandRegistry): CommandIndex {
  const map = new Map(commandPaths(registry).map((p) => [`${p.group ?? ''} ${p.sub}`, p.definition]));
  return { find: (group, subcommand) => map.get(`${group ?? ''} ${subcommand}`) };
}
