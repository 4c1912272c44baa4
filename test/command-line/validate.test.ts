import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idArg, integerArg, personArg, textArg } from '../../bot/args.js';
import { defineCommand, type RawArgs } from '../../bot/command.js';
import { validateArgs } from '../../bot/command-line/validate.js';
import { UserError } from '../../bot/errors.js';
import { reply } from '../../bot/model.js';

const deploy = defineCommand({
  name: 'deploy',
  group: 'deploys',
  summary: 'Deploys a version.',
  examples: [],
  args: [
    { name: 'service', kind: 'positional', type: 'string', description: 'service', required: true },
    { name: 'version', kind: 'positional', type: 'string', description: 'version', required: true },
    { name: 'env', kind: 'positional', type: 'string', description: 'env', required: true, after: 'to', choices: ['staging', 'production'] },
    { name: 'reason', kind: 'flag', type: 'text', description: 'why', rest: true },
    { name: 'limit', kind: 'flag', type: 'integer', description: 'n' },
    { name: 'notify', kind: 'flag', type: 'person', description: 'who', repeatable: true },
    { name: 'of', kind: 'flag', type: 'id', idKind: 'deployment', description: 'replaces' },
  ],
  schema: z.object({
    service: z.string(),
    version: z.string().regex(/^[\w.+/-]{1,128}$/, { message: 'must be 1 to 128 letters, digits or ._-+/' }),
    env: z.enum(['staging', 'production']),
    reason: textArg(20, 'reason').optional(),
    limit: integerArg(1, 10).optional(),
    notify: z.array(personArg()).optional(),
    of: idArg('deployment').optional(),
  }),
  permission: 'deploy',
  handler: async () => reply({}),
});

function problems(raw: RawArgs): { message: string; details: string[] } {
  try {
    validateArgs(deploy, raw);
  } catch (err) {
    if (err instanceof UserError) return { message: err.message, details: err.details };
    throw err;
  }
  throw new Error('validation passed');
}

const base = { service: 'api', version: '1.4.2', env: 'staging' };

describe('validateArgs', () => {
  it('returns the converted arguments', () => {
    expect(validateArgs(deploy, { ...base, limit: '3', notify: ['@Alice', 'bob'], of: 'dep7', reason: '  why not  ' })).toEqual({
      ...base,
      limit: 3,
      notify: ['alice', 'bob'],
      of: 'DEP-7',
      reason: 'why not',
    });
  });

  it.each<[RawArgs, string]>([
    [{ ...base, version: '1.4 beta' }, 'version: must be 1 to 128 letters, digits or ._-+/.'],
    [{ service: 'api', version: '1.4.2' }, 'env is missing.'],
    [{ ...base, env: 'prod' }, 'env: must be one of staging, production.'],
    [{ ...base, limit: 'many' }, 'limit: must be a whole number from 1 to 10.'],
    [{ ...base, limit: '11' }, 'limit: must be a whole number from 1 to 10.'],
    [{ ...base, limit: 2.5 }, 'limit: must be a whole number from 1 to 10.'],
    [{ ...base, reason: '   ' }, 'The reason is empty; write a few words.'],
    [{ ...base, reason: 'x'.repeat(25) }, 'The reason is 25 characters long; keep it to 20.'],
    [{ ...base, notify: ['@Not A Name'] }, 'notify.0: must be a person such as @alice.'],
    [{ ...base, of: 'INC-3' }, 'of: must be a deployment id such as DEP-12; INC-3 is an incident id.'],
    [{ ...base, of: 'twelve' }, 'of: must be a deployment id such as DEP-12 (or just 12).'],
    [{ ...base, service: 7 }, 'service: must be text.'],
  ])('%j → %s', (raw, message) => {
    expect(problems(raw).message).toBe(message);
  });

  it('gives one sentence per problem, then the usage line', () => {
    const { message, details } = problems({ service: 'api', version: 'a b', limit: '0' });
    expect(message).toBe('version: must be 1 to 128 letters, digits or ._-+/. env is missing. limit: must be a whole number from 1 to 10.');
    expect(details).toEqual([
      'Usage: deploy <service> <version> [to] <env> [--reason <text>] [--limit <n>] [--notify <@person>]… [--of <DEP-n>]',
    ]);
  });
});
