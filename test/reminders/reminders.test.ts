import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import type { OpsMessage } from '../../bot/model.js';
import { advance, latest, outbox, startWorld, tempDir, textOf, type World } from './support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dir: { dir: string; remove(): Promise<void> };
let clock: ManualClock;
let world: World;

beforeEach(async () => {
  dir = await tempDir();
  // A Friday, 11:00 in Berlin.
  clock = new ManualClock(new Date('2026-03-20T10:00:00Z'));
  world = await startWorld(dir.dir, clock);
});

afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const reminders = async () =>
  (await world.ops.store.inspect((tx) => tx.scan('reminder', { state: 'all' }))).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
const jobs = () => world.ops.store.inspect((tx) => tx.scan('job'));
const buttonsOf = (m: OpsMessage | undefined) => (m?.buttons ?? []).map((b) => b.label);

describe('remind', () => {
  it('schedules a cron reminder in its zone and fires it at that local time with Done and Snooze', async () => {
    const answer = await world.say('alice', 'remind #ops Check the backups --cron "0 9 * * MON" --tz Europe/Berlin --owner @bob');
    expect(textOf(answer)).toBe('REM-1 scheduled in shell:ops, cron "0 9 * * MON" (Europe/Berlin); first at 2026-03-23 09:00 CET.');
    const [r] = await reminders();
    expect(r).toMatchObject({ id: 'REM-1', channel: 'shell:ops', text: 'Check the backups', owner: 'bob', state: 'active' });
    expect((await jobs()).map((j) => [j.id, j.dueAt])).toEqual([['reminder:REM-1', '2026-03-23T08:00:00.000Z']]);

    await advance(world, clock, 3 * DAY);
    const message = await latest(world.ops, 'reminder:REM-1:1');
    expect(message?.title).toBe('REM-1 · Check the backups');
    expect(message?.mentions).toEqual([{ person: 'bob' }]);
    expect(buttonsOf(message)).toEqual(['Done', 'Snooze']);
    expect(message?.context?.[0]).toBe('REM-1 · firing 1');
    const after = (await reminders())[0]!;
    expect(after.firings[0]).toMatchObject({ n: 1, dueAt: '2026-03-23T08:00:00.000Z', late: false, status: 'open' });
    // After the change to summer time, 09:00 in Berlin is 07:00 UTC.
    expect(after.nextAt).toBe('2026-03-30T07:00:00.000Z');
  });

  it('takes --every with a natural first time, and --at once', async () => {
    await world.say('alice', 'remind #ops Rotate the staging keys --every 1w --at "monday 9am"');
    await world.say('alice', 'remind #ops Renew the TLS certificate --at "2026-12-01 09:00"');
    const [every, once] = await reminders();
    expect(every!.schedule).toEqual({ kind: 'every', everyMs: 7 * DAY, text: '1w' });
    expect(every!.nextAt).toBe('2026-03-23T09:00:00.000Z');
    expect(once!.schedule).toEqual({ kind: 'at', at: '2026-12-01T09:00:00.000Z' });
    await advance(world, clock, 3 * DAY);
    expect((await reminders())[0]!.nextAt).toBe('2026-03-30T09:00:00.000Z');
    expect(await latest(world.ops, 'reminder:REM-1:1')).toBeDefined();
  });

  it.each([
    ['--cron "61 9 * * *"', '"61" is not a valid minute in the cron expression "61 9 * * *"; use 0-59.'],
    ['--cron "0 9 * *"', '"0 9 * *" has 4 fields; use five fields: minute hour day-of-month month day-of-week, like "0 9 * * MON-FRI".'],
    ['--cron "0 9 * * MON" --tz Mars/Olympus', "'Mars/Olympus' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC."],
    ['--at "2026-01-01 09:00"', '2026-01-01 09:00 UTC is in the past; give a time still to come.'],
    ['--every 1w --runbook nope', 'There is no runbook "nope"; the runbooks are restore-test.'],
    ['', 'Say when: --cron "0 9 * * MON", --every 1w or --at "2026-12-01 09:00".'],
  ])('refuses %s in one sentence and stores nothing', async (flags, sentence) => {
    const answer = await world.say('alice', `remind #ops Do it ${flags}`);
    expect(answer.failed).toBe(true);
    expect(answer.message.text).toBe(sentence);
    expect(await reminders()).toEqual([]);
    expect(await jobs()).toEqual([]);
  });

  it('lists, pauses, resumes and cancels', async () => {
    await world.say('alice', 'remind #ops Patch the hosts --cron "0 10 * * *" --tz UTC');
    expect(textOf(await world.say('alice', 'reminders'))).toContain('REM-1 · shell:ops · Patch the hosts · cron "0 10 * * *" (UTC) · next 2026-03-21 10:00 UTC');
    expect(textOf(await world.say('alice', 'reminder pause REM-1'))).toBe('REM-1 paused: Patch the hosts');
    expect(await jobs()).toEqual([]);
    await advance(world, clock, 2 * DAY);
    expect(await latest(world.ops, 'reminder:REM-1:1')).toBeUndefined();
    await world.say('alice', 'reminder resume REM-1');
    expect((await jobs()).map((j) => j.dueAt)).toEqual(['2026-03-23T10:00:00.000Z']);
    await world.say('alice', 'reminder cancel 1');
    expect((await reminders())[0]!.state).toBe('cancelled');
    expect(await jobs()).toEqual([]);
    const again = await world.say('alice', 'reminder resume REM-1');
    expect(again.message.text).toBe('REM-1 is cancelled; only a paused reminder can be resumed.');
  });
});

describe('buttons', () => {
  beforeEach(async () => {
    await world.say('alice', 'remind #ops Restore test --cron "0 9 * * *" --tz UTC --runbook restore-test --owner @alice');
    await advance(world, clock, DAY);
  });

  it('Done records who pressed it, edits the message and drops the buttons and the nudge', async () => {
    expect(buttonsOf(await latest(world.ops, 'reminder:REM-1:1'))).toEqual(['Done', 'Snooze', 'Run restore-test']);
    const answer = await world.press('bob', 'reminder.done', 'REM-1:1');
    expect(textOf(answer)).toBe('bob marked REM-1 done: Restore test');
    const message = await latest(world.ops, 'reminder:REM-1:1');
    expect(message?.buttons).toBeUndefined();
    expect(message?.context).toContain('Done by bob at 2026-03-21 10:00 UTC');
    expect((await jobs()).map((j) => j.id)).toEqual(['reminder:REM-1']);
    const audit = await world.ops.store.queryAudit({ target: 'REM-1' });
    expect(audit.map((e) => [e.action, e.actor.userId])).toContainEqual(['reminder.done', 'bob']);
    expect((await world.press('bob', 'reminder.done', 'REM-1:1')).message.text).toBe('REM-1 firing 1 was already marked done.');
  });

  it('Snooze 1h posts the firing again an hour later; an undone firing is re-nudged once', async () => {
    await world.press('bob', 'reminder.snooze', 'REM-1:1 1h');
    expect((await latest(world.ops, 'reminder:REM-1:1'))?.context).toContain('Snooze 1h by bob at 2026-03-21 10:00 UTC');
    await advance(world, clock, HOUR);
    const again = await latest(world.ops, 'reminder:REM-1:1:again-1');
    expect(buttonsOf(again)).toEqual(['Done', 'Snooze', 'Run restore-test']);
    await advance(world, clock, 4 * HOUR);
    const nudges = (await outbox(world.ops)).filter((r) => r.key === 'reminder:REM-1:1:nudge');
    expect(nudges.map((n) => [n.thread, (n.message as OpsMessage).text])).toEqual([
      ['reminder:REM-1:1', 'alice, this is still open: Restore test. Press Done when it is, or Snooze.'],
    ]);
    await advance(world, clock, 10 * HOUR);
    expect((await outbox(world.ops)).filter((r) => r.key === 'reminder:REM-1:1:nudge')).toHaveLength(1);
  });

  it('Run starts the runbook and records it on the firing', async () => {
    const answer = await world.press('bob', 'reminder.run', 'REM-1:1');
    expect(textOf(answer)).toBe('bob started restore-test as RUN-1 from REM-1.');
    await world.ops.activity.whenIdle(5000);
    const run = await world.ops.store.read((tx) => tx.get('runbookRun', 'RUN-1'));
    expect(run).toMatchObject({ state: 'succeeded', reminder: 'REM-1', requestedBy: 'bob', logTail: ['restoring  in staging', 'restore ok'] });
    expect((await latest(world.ops, 'reminder:REM-1:1'))?.context).toContain('Run restore-test (RUN-1) by bob at 2026-03-21 10:00 UTC');
  });

  it('refuses a button value that names no firing', async () => {
    expect((await world.press('bob', 'reminder.done', 'REM-1')).message.text).toBe(
      'That button does not name a reminder firing; use the reminders command instead.',
    );
    expect((await world.press('bob', 'reminder.done', 'REM-1:7')).message.text).toBe('Firing 7 of REM-1 is too old to change now.');
  });
});
