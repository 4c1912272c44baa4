import { describe, expect, it } from 'vitest';
import type { ArgSpec } from '../../bot/command.js';
import { usage } from '../../bot/command-line/usage.js';

const arg = (a: Partial<ArgSpec> & Pick<ArgSpec, 'name' | 'kind'>): ArgSpec => ({ type: 'string', description: '', ...a });

describe('usage', () => {
  it.each<[string, ArgSpec[], string]>([
    ['whoami', [], 'whoami'],
    [
      'deploy',
      [
        arg({ name: 'service', kind: 'positional', required: true }),
        arg({ name: 'version', kind: 'positional', required: true }),
        arg({ name: 'env', kind: 'positional', required: true, after: 'to' }),
        arg({ name: 'reason', kind: 'flag', type: 'text', rest: true }),
      ],
      'deploy <service> <version> [to] <env> [--reason <text>]',
    ],
    ['decision show', [arg({ name: 'id', kind: 'positional', type: 'id', idKind: 'decision', required: true, placeholder: 'D-n' })], 'decision show <D-n>'],
    ['help', [arg({ name: 'command', kind: 'positional', rest: true })], 'help [<command…>]'],
    [
      'audit',
      [
        arg({ name: 'actor', kind: 'flag', type: 'person' }),
        arg({ name: 'target', kind: 'flag', type: 'id' }),
        arg({ name: 'since', kind: 'flag', type: 'duration' }),
        arg({ name: 'limit', kind: 'flag', type: 'integer' }),
      ],
      'audit [--actor <@person>] [--target <id>] [--since <duration>] [--limit <n>]',
    ],
    [
      'halt',
      [
        arg({ name: 'force', kind: 'flag', type: 'boolean' }),
        arg({ name: 'service', kind: 'flag', repeatable: true }),
        arg({ name: 'reason', kind: 'flag', type: 'text', required: true }),
      ],
      'halt [--force] [--service <service>]… --reason <text>',
    ],
  ])('%s', (name, args, expected) => {
    expect(usage({ name, args })).toBe(expected);
  });

  it('puts positionals before flags whatever the order they are declared in', () => {
    const args = [arg({ name: 'reason', kind: 'flag' }), arg({ name: 'id', kind: 'positional', required: true })];
    expect(usage({ name: 'x', args })).toBe('x <id> [--reason <reason>]');
  });
});
