import { describe, expect, it } from 'vitest';
import { tokenize } from '../../bot/command-line/tokenize.js';
import { UserError } from '../../bot/errors.js';

const values = (line: string) => tokenize(line).map((t) => t.value);

describe('tokenize', () => {
  it.each([
    ['deploy api 1.4.2', ['deploy', 'api', '1.4.2']],
    ['  spaced   out\twords  ', ['spaced', 'out', 'words']],
    ['say "hello world"', ['say', 'hello world']],
    ["say 'hello world'", ['say', 'hello world']],
    ['say "she said \\"hi\\""', ['say', 'she said "hi"']],
    ["say 'it\\'s'", ['say', "it's"]],
    ['say "back\\\\slash"', ['say', 'back\\slash']],
    ["note don't panic", ['note', "don't", 'panic']],
    ['path C:\\logs\\today', ['path', 'C:\\logs\\today']],
    ['one\\ word', ['one word']],
    ['say ""', ['say', '']],
    ['say “curly quotes”', ['say', 'curly quotes']],
    ['note café ünïcödé 🚀', ['note', 'café', 'ünïcödé', '🚀']],
    ['"quoted"tail', ['quotedtail']],
    ['', []],
  ])('%j → %j', (line, expected) => {
    expect(values(line)).toEqual(expected);
  });

  it('keeps source offsets, quotes included, and marks quoted words', () => {
    const [cmd, text] = tokenize('say  "hi there"');
    expect(cmd).toMatchObject({ value: 'say', start: 0, end: 3, quoted: false });
    expect(text).toMatchObject({ value: 'hi there', start: 5, end: 15, quoted: true });
  });

  it('reads --flag and --flag=value, with the value keeping its own offsets', () => {
    const [bare, inline] = tokenize('--force --reason="fix it" ');
    expect(bare).toMatchObject({ flag: 'force', value: '--force' });
    expect(bare?.inline).toBeUndefined();
    expect(inline).toMatchObject({ flag: 'reason', start: 8, end: 25 });
    expect(inline?.inline).toEqual({ value: 'fix it', start: 17, end: 25, quoted: true });
  });

  it.each([['"--reason"'], ['-x'], ['--'], ['--9lives'], ['---x']])('%s is not a flag', (line) => {
    expect(tokenize(line)[0]?.flag).toBeUndefined();
  });

  it('lower-cases flag names', () => {
    expect(tokenize('--Reason x')[0]?.flag).toBe('reason');
  });

  it.each([
    ['say "unclosed words', 5],
    ["say 'open", 5],
    ['--reason="open', 10],
    ['say “curly', 5],
  ])('%j: an unbalanced quote names its column', (line, column) => {
    try {
      tokenize(line);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toBe(`The quote that starts at column ${column} is never closed.`);
    }
  });
});
