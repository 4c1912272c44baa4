import { describe, expect, it } from 'vitest';
import { characterCount, DISCORD_LIMITS, opsCommand } from '../../adapters/chat/discord/application-command.js';
import { CommandRegistry } from '../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';

interface Opt {
  type: number;
  name: string;
  description: string;
  choices?: { name: string; value: string | number }[];
  options?: Opt[];
}

/** 90% of a Discord limit: the registered /ops must stay below it, so growth is noticed early. */
const within = (limit: number) => Math.floor(limit * 0.9);

function every(options: readonly Opt[] | undefined, visit: (o: Opt, level: number) => void, level = 0): void {
  for (const o of options ?? []) {
    visit(o, level);
    every(o.options, visit, level + 1);
  }
}

describe('/ops as registered stays within 90% of every Discord limit', () => {
  for (const allowDMs of [false, true]) {
    const command = opsCommand(new CommandRegistry(COMMANDS, ACTIONS), { allowDMs, memberPermissions: '2048' }) as unknown as Opt;

    it(`characters in total (${allowDMs ? 'with' : 'without'} DMs)`, () => {
      expect(characterCount(command)).toBeLessThanOrEqual(within(DISCORD_LIMITS.total));
    });

    it(`entries, options and choices per level (${allowDMs ? 'with' : 'without'} DMs)`, () => {
      expect(command.options!.length).toBeLessThanOrEqual(within(DISCORD_LIMITS.topLevel));
      every(command.options, (o) => {
        if (o.type === 2) expect(o.options!.length, o.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.subcommands));
        if (o.type === 1) expect(o.options!.length, o.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.options));
        expect(o.choices?.length ?? 0, o.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.choices));
      });
    });

    it(`name and description lengths (${allowDMs ? 'with' : 'without'} DMs)`, () => {
      expect(command.description.length).toBeLessThanOrEqual(within(DISCORD_LIMITS.description));
      every(command.options, (o) => {
        expect([...o.name].length, o.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.name));
        expect([...o.description].length, o.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.description));
        for (const c of o.choices ?? []) expect([...c.name].length, c.name).toBeLessThanOrEqual(within(DISCORD_LIMITS.choice));
      });
    });
  }
});
