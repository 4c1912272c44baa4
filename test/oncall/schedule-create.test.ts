import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireAlert, oncallConfig, removeDir, startWorld, textOf, threadLines, type OncallWorld } from './world.js';

const worlds: OncallWorld[] = [];
const dirs = new Set<string>();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.stop();
  vi.useRealTimers();
  for (const d of dirs) await removeDir(d);
  dirs.clear();
});

/** The on-call world with olga, an admin, a billing service with a default policy, and a named route. */
function config(schedules?: Record<string, unknown>): Record<string, unknown> {
  const base = oncallConfig() as { people: unknown[]; services: Record<string, unknown>; oncall: Record<string, unknown> };
  return {
    ...base,
    people: [...base.people, { name: 'olga', roles: ['admin'] }],
    services: { ...base.services, billing: {} },
    alerts: { routes: [{ name: 'payments', match: ['team=payments'], channel: 'shell:payments' }] },
    oncall: { ...base.oncall, defaultPolicy: 'critical', ...(schedules ? { schedules: { ...(base.oncall.schedules as object), ...schedules } } : {}) },
  };
}

async function world(options: Parameters<typeof startWorld>[0] = {}): Promise<OncallWorld> {
  const w = await startWorld({ schedule: true, config: config(), ...options });
  worlds.push(w);
  dirs.add(w.dir);
  return w;
}

const CREATE =
  'oncall schedule create billing --layer "primary: @alice @carol weekly 2026-03-02 09:00" --layer "secondary: @carol @alice weekly 2026-03-02" ' +
  '--layer "secondary: @maria daily weekdays 09:00-17:00" --service billing --route payments --timezone Europe/Berlin';

describe('oncall schedule create', () => {
  it('stores a schedule from chat that oncall, escalation and handoffs use, and keeps it over a restart', async () => {
    const w = await world();
    const made = await w.say('olga', CREATE);
    expect(made.failed).toBeFalsy();
    expect(textOf(made)).toBe(
      [
        'Schedule billing created',
        'Europe/Berlin, covers service billing, route payments',
        'primary: alice → carol, weekly from 2026-03-02 09:00',
        'secondary: carol → alice, weekly from 2026-03-02 09:00',
        'secondary: maria, daily from 2026-03-04 09:00, only weekdays 09:00–17:00',
      ].join('\n'),
    );
    // Wednesday 11:00 in Berlin: maria's business-hours layer sits on top of the round-the-clock one.
    expect(textOf(await w.say('maria', 'oncall billing'))).toBe(
      ['On call now', 'billing (billing)', '  primary: alice until 2026-03-09 09:00 CET', '  secondary: maria until 2026-03-04 17:00 CET'].join('\n'),
    );
    const group = await fireAlert(w, 'billing');
    expect((await threadLines(w, group))[0]).toBe('Escalation step 1/3, round 1/2: paged alice, primary on call for billing, by direct message.');
    const handoffs = await w.app.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'oncall.handoff' && j.payload.schedule === 'billing' }));
    expect(handoffs.map((j) => j.dueAt)).toEqual(['2026-03-09T08:00:00.000Z']);
    const audit = await w.app.ops.store.queryAudit({ target: 'billing' });
    expect(audit.map((e) => [e.action, e.actor.person])).toEqual([['oncall.schedule-create', 'olga']]);

    await w.stop();
    worlds.splice(worlds.indexOf(w), 1);
    const again = await world({ dir: w.dir, clock: w.clock });
    expect(textOf(await again.say('maria', 'oncall schedules'))).toContain('billing (made by olga 2026-03-04)\n  Europe/Berlin, covers service billing, route payments');
  });

  it('needs the oncall.schedules permission (admins), and refuses bad definitions saying what to fix', async () => {
    const w = await world();
    const denied = await w.say('alice', CREATE);
    expect(denied.failed).toBe(true);
    expect(textOf(denied)).toMatch(/oncall\.schedules/);
    const cases: [string, string][] = [
      ['oncall schedule create x1 --layer "primary: @zed @alice"', 'layer 1: zed is not one of the people dayops knows'],
      ['oncall schedule create x2 --layer "@alice fortnightly"', 'layer 1: fortnightly is not one of the people dayops knows'],
      ['oncall schedule create x2 --layer "@alice 2w 3d"', 'A layer has one shift; it says both 2w and 3d.'],
      ['oncall schedule create x3 --layer "@alice 25:00"', 'is not a person, a shift'],
      ['oncall schedule create x4 --layer "@alice" --timezone Mars/Olympus', 'timezone: must be an IANA time zone'],
      ['oncall schedule create x5 --layer "@alice" --service shop', 'shop is not a service dayops knows'],
      ['oncall schedule create x6 --layer "@alice" --route nowhere', 'there is no alert route named nowhere (named routes: payments)'],
      ['oncall schedule create x7 --layer "@alice" --policy slow', 'there is no escalation policy named slow (critical)'],
      ['oncall schedule create x8 --layer "@alice" --shift often', 'layer 1, shift: must be daily, weekly or a length'],
      ['oncall schedule create x9 --layer "primary:"', 'names nobody'],
      ['oncall schedule create api --layer "@alice"', 'The config file defines a schedule named api, and it would win'],
      ['oncall schedule create create --layer "@alice"', 'is a word of the oncall schedule command'],
      ['oncall schedule create Bad_Name --layer "@alice"', 'cannot name a schedule'],
      ['oncall schedule create x10', 'layer'],
    ];
    for (const [line, message] of cases) {
      const answer = await w.say('olga', line);
      expect(answer.failed, line).toBe(true);
      expect(textOf(answer), line).toContain(message);
    }
    expect(await w.app.ops.store.inspect((tx) => tx.scan('oncallSchedule'))).toEqual([]);
  });

  it('replaces only with --replace, and deletes a chat schedule but not one from the config file', async () => {
    const w = await world();
    await w.say('olga', 'oncall schedule create billing --layer "@alice @carol" --service billing');
    const twice = await w.say('olga', 'oncall schedule create billing --layer "@carol" --service billing');
    expect(textOf(twice)).toContain('A schedule named billing exists already (made by olga); add --replace');
    expect(textOf(await w.say('olga', 'oncall schedule create billing --layer "@carol @alice daily" --service billing --replace'))).toContain('Schedule billing replaced');
    expect(textOf(await w.say('maria', 'oncall billing'))).toContain('primary: carol until 2026-03-05 09:00 CET');

    await w.say('olga', 'oncall override @maria --until "2026-03-05 09:00" --schedule billing --reason cover');
    expect(textOf(await w.say('olga', 'oncall schedule delete api'))).toContain('api is defined in the config file; remove it there');
    expect(textOf(await w.say('olga', 'oncall schedule delete billing'))).toBe('Schedule billing deleted: nobody is paged through it any more. Its 1 override no longer applies.');
    expect(textOf(await w.say('maria', 'oncall billing'))).toContain('No on-call schedule is named billing');
    expect(await w.app.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.payload.schedule === 'billing' }))).toEqual([]);
    expect(textOf(await w.say('olga', 'oncall schedule delete billing'))).toContain('There is no schedule named billing made from chat');
  });

  it('yields to a schedule of the same name the config file gains later, and says so', async () => {
    const w = await world();
    await w.say('olga', 'oncall schedule create billing --layer "@carol" --service billing');
    await w.stop();
    worlds.splice(worlds.indexOf(w), 1);
    const fromFile = { billing: { services: ['billing'], layers: [{ people: ['bob'], shift: 'weekly', start: '2026-03-02' }] } };
    const again = await world({ dir: w.dir, clock: w.clock, config: config(fromFile) });
    expect(textOf(await again.say('maria', 'oncall billing'))).toContain('primary: bob until');
    expect(textOf(await again.say('maria', 'oncall schedules'))).toContain('billing (made by olga 2026-03-04, hidden: the config file has one of this name and wins)');
  });
});
