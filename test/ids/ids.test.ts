import { describe, expect, it } from 'vitest';
import { formatId, idNumber, parseId, tryParseId } from '../../bot/ids.js';

describe('ids', () => {
  it.each([
    ['DEP-12', undefined, 'DEP-12'],
    ['dep-12', undefined, 'DEP-12'],
    ['dep12', undefined, 'DEP-12'],
    [' D-7 ', undefined, 'D-7'],
    ['12', 'deployment', 'DEP-12'],
    ['3', 'incident', 'INC-3'],
    ['ALG-9', undefined, 'ALG-9'],
    ['run-4', undefined, 'RUN-4'],
  ] as const)('reads %j (implied %s) as %s', (text, implied, id) => {
    expect(tryParseId(text, implied)?.id).toBe(id);
  });

  it.each(['12', 'DEP-0', 'XYZ-1', 'DEP-', 'DEP-1.5', '', 'production'])('does not read %j without an implied kind', (text) => {
    expect(tryParseId(text)).toBeUndefined();
  });

  it('insists on the kind a command needs, saying what was expected', () => {
    expect(parseId('12', 'deployment')).toBe('DEP-12');
    expect(() => parseId('INC-3', 'deployment')).toThrow('INC-3 is an incident id; this needs a deployment id such as DEP-12.');
    expect(() => parseId('ALG-2', 'runbookRun')).toThrow('ALG-2 is an alert group id; this needs a runbook run id such as RUN-12.');
    expect(() => parseId('banana', 'decision')).toThrow('"banana" is not an id; expected something like D-12 or 12.');
  });

  it('formats and numbers', () => {
    expect(formatId('maintenance', 1)).toBe('MNT-1');
    expect(formatId('freeze', 2)).toBe('FRZ-2');
    expect(formatId('reminder', 5)).toBe('REM-5');
    expect(idNumber('DEP-42')).toBe(42);
  });
});
