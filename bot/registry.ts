import { COMMAND_GROUPS, type ActionDefinition, type CommandDefinition, type CommandGroup } from './command.js';

export interface CommandMatch {
  definition: CommandDefinition;
  /** How many words of the input the name took (1 to 3). */
  words: number;
}

/**
 * The commands and buttons dayops knows, from an explicit list (commands/index.ts). Names are
 * one to three words; a longer name wins (`decision show` before `decision`, `oncall schedule
 * create` before `oncall schedule`).
 */
export class CommandRegistry {
  private readonly commands = new Map<string, CommandDefinition>();
  private readonly actions = new Map<string, ActionDefinition>();

  constructor(commands: readonly CommandDefinition[], actions: readonly ActionDefinition[] = []) {
    for (const definition of commands) {
      const name = normalise(definition.name);
      if (name.split(' ').length > 3) throw new Error(`Command name "${definition.name}" has more than three words.`);
      if (this.commands.has(name)) throw new Error(`Two commands are named "${name}".`);
      this.commands.set(name, definition);
    }
    for (const action of actions) {
      if (this.actions.has(action.name)) throw new Error(`Two actions are named "${action.name}".`);
      this.actions.set(action.name, action);
    }
  }

  /** The command named by the first words of `words`, longest name first. */
  lookup(words: readonly string[]): CommandMatch | undefined {
    for (const n of [3, 2, 1]) {
      if (words.length < n) continue;
      const definition = this.commands.get(normalise(words.slice(0, n).join(' ')));
      if (definition) return { definition, words: n };
    }
    return undefined;
  }

  find(name: string): CommandDefinition | undefined {
    return this.commands.get(normalise(name));
  }

  all(): CommandDefinition[] {
    return [...this.commands.values()];
  }

  names(): string[] {
    return [...this.commands.keys()];
  }

  /** Commands by group, in the order of COMMAND_GROUPS; empty groups are left out. */
  byGroup(): Map<CommandGroup, CommandDefinition[]> {
    const groups = new Map<CommandGroup, CommandDefinition[]>();
    for (const group of COMMAND_GROUPS) {
      const members = this.all().filter((c) => c.group === group);
      if (members.length > 0) groups.set(group, members);
    }
    return groups;
  }

  action(name: string): ActionDefinition | undefined {
    return this.actions.get(name);
  }

  allActions(): ActionDefinition[] {
    return [...this.actions.values()];
  }
}

function normalise(name: string): string {
  return name.trim().toLowerCase().split(/\s+/).join(' ');
}
