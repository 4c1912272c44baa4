import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type ArgSpec, type RawArgs } from '../../bot/command.js';
import { readOptions } from '../../bot/command-line/parse-line.js';
import { readArgs } from '../../bot/command-line/read-args.js';
import { tokenize } from '../../bot/command-line/tokenize.js';
import { reply } from '../../bot/model.js';

const DEPLOY: ArgSpec[] = [
  { name: 'service', kind: 'positional', type: 'string', description: 'service', required: true },
  { name: 'version', kind: 'positional', type: 'string', description: 'version', required: true },
  { name: 'env', kind: 'positional', type: 'string', description: 'env', required: true, after: 'to' },
  { name: 'reason', kind: 'flag', type: 'text', description: 'why', rest: true },
  { name: 'force', kind: 'flag', type: 'boolean', description: 'skip checks' },
  { name: 'notify', kind: 'flag', type: 'person', description: 'who to tell', repeatable: true },
  { name: 'limit', kind: 'flag', type: 'integer', description: 'n' },
];

const NOTE: ArgSpec[] = [
  { name: 'target', kind: 'positional', type: 'id', description: 'what', required: true },
  { name: 'text', kind: 'positional', type: 'text', description: 'note', rest: true },
  { name: 'tag', kind: 'flag', type: 'string', description: 'tag' },
];

/** Reads the line after its first word, as the router does. */
function read(specs: ArgSpec[], line: string): RawArgs {
  return readArgs(specs, tokenize(line).slice(1), line);
}

describe('readArgs', () => {
  it.each<[string, RawArgs]>([
    ['deploy api 1.4.2 production', { service: 'api', version: '1.4.2', env: 'production' }],
    ['deploy api 1.4.2 to production', { service: 'api', version: '1.4.2', env: 'production' }],
    ['deploy api 1.4.2 TO production', { service: 'api', version: '1.4.2', env: 'production' }],
    ['deploy api 1.4.2 to', { service: 'api', version: '1.4.2', env: 'to' }],
    ['deploy api 1.4.2 "to"', { service: 'api', version: '1.4.2', env: 'to' }],
    ['deploy api 1.4.2 to staging --force', { service: 'api', version: '1.4.2', env: 'staging', force: true }],
    ['deploy api --limit 3 1.4.2 staging', { service: 'api', version: '1.4.2', env: 'staging', limit: '3' }],
    ['deploy api --limit=3', { service: 'api', limit: '3' }],
    ['deploy api --reason hotfix for the login bug', { service: 'api', reason: 'hotfix for the login bug' }],
    ['deploy api --reason   two   spaces  --force', { service: 'api', reason: 'two   spaces', force: true }],
    ['deploy api --reason "quoted --force" --force', { service: 'api', reason: 'quoted --force', force: true }],
    ['deploy api --reason="one word"', { service: 'api', reason: 'one word' }],
    ['deploy api --reason="it is" as "typed here"', { service: 'api', reason: '"it is" as "typed here"' }],
    ['deploy api --reason café ☕ über', { service: 'api', reason: 'café ☕ über' }],
    ['deploy api --notify @alice --notify bob', { service: 'api', notify: ['@alice', 'bob'] }],
    ['deploy api --NOTIFY=@alice', { service: 'api', notify: ['@alice'] }],
    ['note DEP-12 the rollback went fine --tag ok', { target: 'DEP-12', text: 'the rollback went fine', tag: 'ok' }],
    ['note DEP-12 "a single quoted note"', { target: 'DEP-12', text: 'a single quoted note' }],
    ["note DEP-12 it's fine", { target: 'DEP-12', text: "it's fine" }],
    ['note DEP-12', { target: 'DEP-12' }],
  ])('%j', (line, expected) => {
    const specs = line.startsWith('note') ? NOTE : DEPLOY;
    expect(read(specs, line)).toEqual(expected);
  });

  it.each([
    ['deploy api --colour red', 'There is no option --colour; this command takes --reason, --force, --notify, --limit.'],
    ['deploy api --limit', '--limit needs a value.'],
    ['deploy api --limit --force', '--limit needs a value.'],
    ['deploy api --limit=', '--limit needs a value.'],
    ['deploy api --reason --force', '--reason needs a value.'],
    ['deploy api --force=yes', '--force takes no value; write just --force.'],
    ['deploy api --limit 1 --limit 2', '--limit is given twice; give it once.'],
    ['deploy api 1.4.2 staging extra', '"extra" is one argument too many.'],
  ])('%j fails with one sentence', (line, message) => {
    expect(() => read(DEPLOY, line)).toThrow(message);
  });

  it('says when a command takes no options at all', () => {
    expect(() => read([], 'whoami --verbose')).toThrow('There is no option --verbose; this command takes none.');
  });
});

describe('readOptions', () => {
  const deploy = defineCommand({
    name: 'deploy',
    group: 'deploys',
    summary: 'Deploys.',
    examples: [],
    args: DEPLOY,
    schema: z.object({}),
    permission: 'deploy',
    handler: async () => reply({}),
  });

  it('takes declared options and splits a repeatable one sent as one list', () => {
    expect(readOptions(deploy, { service: 'api', notify: '@alice, bob', force: true, limit: 3 })).toEqual({
      service: 'api',
      notify: ['@alice', 'bob'],
      force: true,
      limit: 3,
    });
  });

  it('refuses an option the command does not declare', () => {
    expect(() => readOptions(deploy, { colour: 'red' })).toThrow('deploy has no option named colour.');
  });
});
