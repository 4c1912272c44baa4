import { describe, expect, it } from 'vitest';
import { anyIdArg, envArg, flagArg, idArg, integerArg, personArg, textArg } from '../../bot/args.js';

describe('idArg', () => {
  it.each([['DEP-12'], ['dep-12'], ['dep12'], ['12'], [' 12 '], [12]])('%j → DEP-12', (input) => {
    expect(idArg('deployment').parse(input)).toBe('DEP-12');
  });

  it('names the kind it wanted and the kind it got', () => {
    const result = idArg('deployment').safeParse('INC-3');
    expect(result.error?.issues[0]?.message).toBe('must be a deployment id such as DEP-12; INC-3 is an incident id');
  });

  it('speaks of two-word kinds as words', () => {
    expect(idArg('alertGroup').safeParse('x').error?.issues[0]?.message).toBe('must be an alert group id such as ALG-12 (or just 12)');
  });

  it.each([['0'], ['DEP-'], ['-12'], ['DEP-12x'], ['']])('%j is refused', (input) => {
    expect(idArg('deployment').safeParse(input).success).toBe(false);
  });
});

describe('anyIdArg', () => {
  it('keeps the kind typed and makes the id canonical', () => {
    expect(anyIdArg().parse('inc3')).toBe('INC-3');
    expect(anyIdArg().safeParse('12').success).toBe(false);
  });
});

describe('personArg', () => {
  it.each([['@alice', 'alice'], ['alice', 'alice'], ['@Alice', 'alice'], [' bob ', 'bob']])('%j → %s', (input, out) => {
    expect(personArg().parse(input)).toBe(out);
  });
  it.each([['@'], ['two words'], ['@1abc']])('%j is refused', (input) => {
    expect(personArg().safeParse(input).error?.issues[0]?.message).toBe('must be a person such as @alice');
  });
});

describe('textArg', () => {
  const reason = textArg(10, 'reason');
  it('trims', () => expect(reason.parse('  ok  ')).toBe('ok'));
  it('counts unicode text after trimming', () => expect(reason.parse(' café über ')).toBe('café über'));
  it('refuses empty and long text in a sentence', () => {
    expect(reason.safeParse(' ').error?.issues[0]?.message).toBe('The reason is empty; write a few words.');
    expect(reason.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('The reason is 11 characters long; keep it to 10.');
  });
});

describe('integerArg', () => {
  it.each<[string | number, number]>([['5', 5], [5, 5], [' 7 ', 7]])('%j → %i', (input, out) => {
    expect(integerArg(1, 10).parse(input)).toBe(out);
  });
  it.each([['0'], ['11'], ['1.5'], [1.5], ['ten'], ['']])('%j is refused', (input) => {
    expect(integerArg(1, 10).safeParse(input).success).toBe(false);
  });
});

describe('flagArg and envArg', () => {
  it('a flag is false unless given', () => {
    expect(flagArg().parse(undefined)).toBe(false);
    expect(flagArg().parse(true)).toBe(true);
  });
  it('an environment is trimmed and lower-cased', () => {
    expect(envArg().parse(' Production ')).toBe('production');
  });
});
