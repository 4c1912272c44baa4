import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/registry.js';
import { COMMANDS } from '../../commands/index.js';
import { approveAction, bumpCommand, deployCommand, noteCommand, TEST_COMMANDS } from './fixtures.js';

describe('CommandRegistry', () => {
  const registry = new CommandRegistry(TEST_COMMANDS, [approveAction]);

  it('finds one- and two-word names, the longer first, ignoring case', () => {
    expect(registry.lookup(['deploy', 'api'])).toEqual({ definition: deployCommand, words: 1 });
    expect(registry.lookup(['Counter', 'BUMP', 'x'])).toEqual({ definition: bumpCommand, words: 2 });
    expect(registry.lookup(['counter'])).toBeUndefined();
    expect(registry.lookup([])).toBeUndefined();
  });

  it('prefers a two-word name over a one-word name that starts it', () => {
    const note = { ...noteCommand, name: 'note' };
    const noteAdd = { ...noteCommand, name: 'note add' };
    const both = new CommandRegistry([note, noteAdd]);
    expect(both.lookup(['note', 'add', 'INC-1'])?.definition).toBe(noteAdd);
    expect(both.lookup(['note', 'INC-1'])?.definition).toBe(note);
  });

  it('lists commands by group in the order of COMMAND_GROUPS', () => {
    expect([...registry.byGroup().keys()]).toEqual(['general', 'deploys', 'incidents']);
    expect(registry.all()).toHaveLength(TEST_COMMANDS.length);
  });

  it('finds actions by name', () => {
    expect(registry.action('deploy.approve')).toBe(approveAction);
    expect(registry.action('deploy.deny')).toBeUndefined();
  });

  it('refuses two commands or two actions with the same name', () => {
    expect(() => new CommandRegistry([deployCommand, { ...deployCommand, name: 'Deploy' }])).toThrow('Two commands are named "deploy".');
    expect(() => new CommandRegistry([], [approveAction, approveAction])).toThrow('Two actions are named "deploy.approve".');
  });

  it('accepts the real command list', () => {
    expect(new CommandRegistry(COMMANDS).names()).toEqual(expect.arrayContaining(['help', 'whoami', 'audit']));
  });
});
