import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { auditCommand } from '../../commands/audit.js';
import { helpCommand } from '../../commands/help.js';
import { COMMANDS } from '../../commands/index.js';
import { whoamiCommand } from '../../commands/whoami.js';
import { alice, place, TEST_COMMANDS } from '../router/fixtures.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

let ops: TestOps;
let router: Router;

beforeEach(async () => {
  ops = await createTestOps();
  router = new Router(ops, new CommandRegistry([helpCommand, whoamiCommand, auditCommand, ...TEST_COMMANDS]));
});
afterEach(() => ops.close());

const help = (text: string) => router.handleCommand({ actor: alice, place, text });

describe('help', () => {
  it('lists every command by group with its summary', async () => {
    const answer = await help('help');
    expect(answer.visibility).toBe('private');
    expect(answer.message.title).toBe('Commands');
    expect(answer.message.fields).toEqual([
      {
        label: 'General',
        value: [
          'help — Lists the commands, or explains one.',
          'whoami — Shows who dayops thinks you are, and what you may do.',
          'audit — Shows the audit log, newest first.',
          'counter bump — Takes the next number.',
          'broken — Always fails on our side.',
          'busy — Always fails on the asker’s side.',
        ].join('\n'),
      },
      { label: 'Deploys', value: 'deploy — Deploys a version of a service.' },
      { label: 'Incidents', value: 'note — Notes something on an incident.' },
    ]);
  });

  it('explains one command from its definition', async () => {
    const answer = await help('help deploy');
    expect(answer.message).toEqual({
      title: 'deploy <service> <version> [to] <env> [--reason <text>]',
      text: 'Deploys a version of a service.',
      fields: [
        {
          label: 'Arguments',
          value: [
            'service (required) — The service.',
            'version (required) — The version.',
            'env (required) — Where.',
            '--reason (optional) — Why.',
          ].join('\n'),
        },
        { label: 'Examples', value: 'deploy api 1.4.2 to production' },
        { label: 'Permission', value: 'depends on the arguments (for example the environment)', short: true },
      ],
    });
  });

  it('explains a two-word command and shows a fixed permission', async () => {
    const answer = await help('help Counter Bump');
    expect(answer.message.title).toBe('counter bump');
    expect(answer.message.fields).toEqual([{ label: 'Permission', value: 'view', short: true }]);
  });

  it('shows the description and the examples of the real commands', async () => {
    const answer = await help('help audit');
    expect(answer.message.text).toBe(
      'Shows the audit log, newest first.\n\nEvery change and every refused command is on the audit log, with who, where and when.',
    );
    expect(answer.message.fields?.find((f) => f.label === 'Permission')?.value).toBe('audit');
    expect(answer.message.fields?.find((f) => f.label === 'Examples')?.value).toContain('audit --actor @alice --since 2d');
  });

  it('lists the commands that start with a word', async () => {
    const answer = await help('help counter');
    expect(answer.message.title).toBe('The counter commands');
    expect(answer.message.fields).toEqual([{ label: 'Commands', value: 'counter bump — Takes the next number.' }]);
  });

  it('suggests a command for a typo', async () => {
    const answer = await help('help deplyo');
    expect(answer).toMatchObject({ message: { tone: 'danger', text: 'There is no command "deplyo". Did you mean deploy?' }, visibility: 'private' });
    expect((await help('help zzz')).message.text).toBe('There is no command "zzz". Type help to see every command.');
  });

  it('every real command has a summary, an example and described arguments', () => {
    for (const command of COMMANDS) {
      expect(command.summary, command.name).toMatch(/\.$/);
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      for (const arg of command.args) expect(arg.description, `${command.name} ${arg.name}`).not.toBe('');
    }
  });
});
