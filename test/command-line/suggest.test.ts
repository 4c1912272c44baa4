import { describe, expect, it } from 'vitest';
import { editDistance, suggestCommands } from '../../bot/command-line/suggest.js';

const NAMES = ['deploy', 'decision show', 'decision add', 'help', 'halt', 'whoami', 'audit', 'ack'];

describe('suggestCommands', () => {
  it.each<[string, string[]]>([
    ['deplyo', ['deploy']],
    ['deplo', ['deploy']],
    ['DEPLOY', ['deploy']],
    ['hlep', ['help']],
    ['whomai', ['whoami']],
    ['decison show D-1', ['decision show']],
    ['decision shwo', ['decision show']],
    ['decision ad', ['decision add']],
    ['hal', ['halt']],
    ['xyzzy', []],
    ['rollback', []],
    ['decision', []],
  ])('%j → %j', (typed, expected) => {
    expect(suggestCommands(typed.split(' '), NAMES)).toEqual(expected);
  });

  it('offers every name that is equally close', () => {
    expect(suggestCommands(['hel'], ['help', 'hell', 'deploy'])).toEqual(['help', 'hell']);
  });
});

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['deploy', 'deploy', 0],
    ['deplyo', 'deploy', 1],
    ['deply', 'deploy', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
