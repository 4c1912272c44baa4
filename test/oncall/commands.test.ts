import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startWorld, textOf, type OncallWorld } from './world.js';

let world: OncallWorld;
afterEach(async () => {
  await world.stop();
  await removeDir(world.dir);
});

describe('oncall', () => {
  it('says who is on call now for every schedule and until when', async () => {
    world = await startWorld();
    // Wednesday 4 March 2026, 11:00 in Berlin: the first week of the rotation.
    expect(textOf(await world.say('maria', 'oncall'))).toBe(
      [
        'On call now',
        'api (api)',
        '  primary: alice until 2026-03-09 09:00 CET',
        '  secondary: bob until 2026-03-09 09:00 CET',
        'web (web)',
        '  primary: maria until 2026-03-04 17:00 CET',
      ].join('\n'),
    );
  });

  it('for one service; a restricted layer shows its gap', async () => {
    world = await startWorld();
    world.clock.set('2026-03-07T12:00:00Z'); // Saturday
    expect(textOf(await world.say('maria', 'oncall web'))).toBe(['On call now', 'web (web)', '  primary: nobody (gap) until 2026-03-09 09:00 CET'].join('\n'));
  });

  it('refuses a name no schedule has, listing the schedules', async () => {
    world = await startWorld();
    const answer = await world.say('maria', 'oncall billing');
    expect(answer.failed).toBe(true);
    expect(textOf(answer)).toContain('No on-call schedule is named billing or covers a service named billing; schedules: api, web.');
  });
});

describe('oncall next', () => {
  it("lists someone's next shifts across schedules and levels", async () => {
    world = await startWorld();
    const text = textOf(await world.say('maria', 'oncall next @carol'));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Next shifts of carol',
      'web primary: 2026-03-05 09:00 CET → 2026-03-05 17:00 CET',
      'api secondary: 2026-03-09 09:00 CET → 2026-03-16 09:00 CET',
      'web primary: 2026-03-09 09:00 CET → 2026-03-09 17:00 CET',
    ]);
  });

  it('without a name, the asker', async () => {
    world = await startWorld();
    expect(textOf(await world.say('alice', 'oncall next')).split('\n')[1]).toBe('api primary: 2026-03-04 11:00 CET → 2026-03-09 09:00 CET');
  });
});

describe('oncall override', () => {
  it('puts someone on call instead of the rotation, shows it, and audits it', async () => {
    world = await startWorld();
    const answer = await world.say('alice', 'oncall override @carol --until "2026-03-05 09:00" --schedule api --reason dentist');
    expect(textOf(answer)).toBe('OVR-1: carol is primary on call for api instead of alice from 2026-03-04 11:00 CET until 2026-03-05 09:00 CET (dentist).');
    expect(textOf(await world.say('maria', 'oncall api'))).toContain('primary: carol (OVR-1) until 2026-03-05 09:00 CET');
    world.clock.set('2026-03-05T08:00:00Z');
    expect(textOf(await world.say('maria', 'oncall api'))).toContain('primary: alice until 2026-03-09 09:00 CET');
    const audit = await world.app.ops.store.queryAudit({ target: 'OVR-1' });
    expect(audit.map((e) => [e.action, e.actor.userId])).toEqual([['oncall.override', 'alice']]);
  });

  it('the newest override wins where two overlap, over the layers', async () => {
    world = await startWorld();
    await world.say('alice', 'oncall override @carol --from "2026-03-05 09:00" --until "2026-03-07 09:00" --schedule api --reason a');
    await world.say('alice', 'oncall override @bob --from "2026-03-06 09:00" --until "2026-03-06 18:00" --schedule api --reason b');
    const table = textOf(await world.say('maria', 'oncall schedule api --weeks 1'));
    expect(table.split('\n').slice(1, 8)).toEqual([
      'api, Europe/Berlin, Wed 04 Mar 11:00 → Wed 11 Mar 11:00',
      'primary',
      '  Wed 04 Mar 11:00 → Thu 05 Mar 09:00  alice',
      '  Thu 05 Mar 09:00 → Fri 06 Mar 09:00  carol (OVR-1)',
      '  Fri 06 Mar 09:00 → Fri 06 Mar 18:00  bob (OVR-2)',
      '  Fri 06 Mar 18:00 → Sat 07 Mar 09:00  carol (OVR-1)',
      '  Sat 07 Mar 09:00 → Mon 09 Mar 09:00  alice',
    ]);
  });

  it('refuses bad input with a message that says what to fix', async () => {
    world = await startWorld();
    const cases: [string, string][] = [
      ['oncall override @carol --until "2026-03-05 09:00" --reason x', 'There are 2 schedules (api, web); say which with --schedule.'],
      ['oncall override @zed --until "2026-03-05 09:00" --schedule api --reason x', 'zed is not one of the people dayops knows'],
      ['oncall override @carol --until "2026-03-05 09:00" --schedule api --level tertiary --reason x', 'api has no tertiary level; it has primary, secondary.'],
      ['oncall override @carol --from "2026-03-06 09:00" --until "2026-03-05 09:00" --schedule api --reason x', '--until must be after --from'],
      ['oncall override @carol --from "2026-02-28 09:00" --until "2026-03-01 09:00" --schedule api --reason x', 'would already be over'],
    ];
    for (const [line, message] of cases) {
      const answer = await world.say('alice', line);
      expect(answer.failed, line).toBe(true);
      expect(textOf(answer), line).toContain(message);
    }
    expect(await world.app.ops.store.inspect((tx) => tx.scan('oncallOverride'))).toEqual([]);
  });

  it('needs the oncall permission', async () => {
    world = await startWorld();
    const answer = await world.say('maria', 'oncall override @maria --until "2026-03-05 09:00" --schedule api --reason x');
    expect(textOf(answer)).toMatch(/^You need the oncall permission/);
  });
});

describe('oncall schedule', () => {
  it('is a table of who holds each stretch for the coming weeks, per level', async () => {
    world = await startWorld();
    const lines = textOf(await world.say('maria', 'oncall schedule api --weeks 4')).split('\n');
    expect(lines).toEqual([
      'On-call schedule, 4 weeks',
      // Four weeks of elapsed time end at 12:00: the clocks went forward on 29 March.
      'api, Europe/Berlin, Wed 04 Mar 11:00 → Wed 01 Apr 12:00',
      'primary',
      '  Wed 04 Mar 11:00 → Mon 09 Mar 09:00  alice',
      '  Mon 09 Mar 09:00 → Mon 16 Mar 09:00  bob',
      '  Mon 16 Mar 09:00 → Mon 23 Mar 09:00  carol',
      '  Mon 23 Mar 09:00 → Mon 30 Mar 09:00  alice',
      '  Mon 30 Mar 09:00 → Wed 01 Apr 12:00  bob',
      'secondary',
      '  Wed 04 Mar 11:00 → Mon 09 Mar 09:00  bob',
      '  Mon 09 Mar 09:00 → Mon 16 Mar 09:00  carol',
      '  Mon 16 Mar 09:00 → Mon 23 Mar 09:00  alice',
      '  Mon 23 Mar 09:00 → Mon 30 Mar 09:00  bob',
      '  Mon 30 Mar 09:00 → Wed 01 Apr 12:00  carol',
    ]);
  });
});
