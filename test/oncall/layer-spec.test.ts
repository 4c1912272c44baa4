import { describe, expect, it } from 'vitest';
import { UserError } from '../../bot/errors.js';
import { parseLayerSpec } from '../../bot/oncall/layer-spec.js';

describe('a --layer as written in chat', () => {
  it.each([
    ['primary: @alice @bob @carol weekly', { level: 'primary', people: ['alice', 'bob', 'carol'], shift: 'weekly', restrictions: [] }],
    ['@maria, @carol daily from 2026-03-02 at 9:00', { people: ['maria', 'carol'], shift: 'daily', start: '2026-03-02', handoff: '09:00', restrictions: [] }],
    ['secondary: bob 12h weekdays 09:00-17:00 sat', { level: 'secondary', people: ['bob'], shift: '12h', restrictions: [{ days: ['weekdays'], from: '09:00', to: '17:00' }, { days: ['sat'], from: '00:00', to: '00:00' }] }],
    ['@alice 18:00-08:00', { people: ['alice'], restrictions: [{ days: ['mon-sun'], from: '18:00', to: '08:00' }] }],
  ])('%j', (text, expected) => {
    expect(parseLayerSpec(text)).toEqual(expected);
  });

  it.each([
    ['primary:', /names nobody/],
    ['@alice 2w 3d', /one shift; it says both 2w and 3d/],
    ['@alice 2026-03-02 2026-03-09', /one first day/],
    ['@alice 25:00', /"25:00" .* is not a person, a shift/],
  ])('%j is refused', (text, message) => {
    const err = (() => {
      try {
        parseLayerSpec(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
  });
});
