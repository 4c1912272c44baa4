import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { exportPostmortem } from '../../bot/incidents/postmortem.js';
import type { OpsMessage } from '../../bot/model.js';
import { advance, latest, outbox, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { acceptedDecision, alertGroup, deployment } from './fixtures.js';

const MINUTE = 60_000;
let dir: { dir: string; remove(): Promise<void> };
let clock: ManualClock;
let world: World;

beforeEach(async () => {
  dir = await tempDir();
  clock = new ManualClock(new Date('2026-03-20T10:00:00Z'));
  world = await startWorld(dir.dir, clock);
});

afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const incident = async (id = 'INC-1') => (await world.ops.store.read((tx) => tx.get('incident', id)))!;
const threadTexts = async () =>
  (await outbox(world.ops)).filter((r) => r.thread === 'incident:INC-1').map((r) => (r.message as OpsMessage).text);
const fieldOf = (m: OpsMessage | undefined, label: string) => m?.fields?.find((f) => f.label === label)?.value;

describe('incident declare', () => {
  it('posts the summary in the incidents channel, opens the thread and names the declarer commander', async () => {
    const answer = await world.say('alice', 'incident declare Checkout returns 502 --sev 2 --service api');
    expect(textOf(answer)).toBe('INC-1 declared (SEV2): Checkout returns 502. Coordinate in its thread in shell:incidents.');
    const posts = (await outbox(world.ops)).filter((r) => r.op === 'post');
    expect(posts.map((p) => [p.channel, p.key, p.thread])).toEqual([
      ['shell:incidents', 'incident:INC-1', undefined],
      ['shell:incidents', 'incident:INC-1:post:1', 'incident:INC-1'],
    ]);
    const summary = await latest(world.ops, 'incident:INC-1');
    expect(summary?.title).toBe('INC-1 · Checkout returns 502');
    expect(fieldOf(summary, 'Commander')).toBe('alice');
    expect(fieldOf(summary, 'Deployments in the last hours')).toBe('none');
    expect(summary?.buttons).toBeUndefined();
    expect(await incident()).toMatchObject({ severity: 2, services: ['api'], status: 'open', roles: { commander: 'alice' } });
  });

  it('shows what changed: deployments of the service in the last 24 hours with Rollback and Halt, decisions and firing groups', async () => {
    await world.ops.store.transact(async (tx) => {
      await tx.put('deployment', deployment('DEP-1', { service: 'api', state: 'succeeded', version: '1.4.2', createdAt: '2026-03-20T09:00:00.000Z', finishedAt: '2026-03-20T09:05:00.000Z' }), { closed: true });
      await tx.put('deployment', deployment('DEP-2', { service: 'api', env: 'staging', state: 'running', version: '1.5.0', createdAt: '2026-03-20T09:55:00.000Z' }));
      await tx.put('deployment', deployment('DEP-0', { service: 'api', state: 'succeeded', createdAt: '2026-03-18T09:00:00.000Z' }), { closed: true });
      await tx.put('deployment', deployment('DEP-4', { service: 'web', state: 'succeeded', createdAt: '2026-03-20T09:00:00.000Z' }), { closed: true });
      await tx.put('decision', acceptedDecision('D-1', { category: 'database', title: 'Move sessions to Redis', service: 'api' }));
      await tx.put('alertGroup', alertGroup('ALG-1'));
    });
    await world.say('alice', 'incident declare Checkout returns 502 --sev 1 --service api');
    const summary = await latest(world.ops, 'incident:INC-1');
    expect(fieldOf(summary, 'Deployments in the last hours')).toBe('• DEP-2 api 1.5.0 to staging: running\n• DEP-1 api 1.4.2 to production: succeeded');
    expect(fieldOf(summary, 'Decisions accepted recently')).toBe('• D-1 Move sessions to Redis (database)');
    expect(fieldOf(summary, 'Alert groups')).toBe('ALG-1');
    expect(summary?.buttons?.map((b) => (b.kind === 'action' ? [b.label, b.action, b.value] : []))).toEqual([
      ['Halt DEP-2', 'incident.halt', 'INC-1 DEP-2'],
      ['Roll back DEP-1', 'incident.rollback', 'INC-1 DEP-1'],
    ]);
  });

  it('refuses an unknown service and stores nothing', async () => {
    const answer = await world.say('alice', 'incident declare Broken --service nope');
    expect(answer.message.text).toBe('There is no service "nope"; the services are api, web.');
    expect(await world.ops.store.inspect((tx) => tx.scan('incident', { state: 'all' }))).toEqual([]);
  });
});

describe('in the incident', () => {
  beforeEach(async () => {
    await world.say('alice', 'incident declare Checkout returns 502 --sev 1 --service api');
  });

  it('records roles, updates, notes, severity and thread replies on the timeline', async () => {
    await world.say('alice', 'incident role INC-1 communications @bob');
    await world.say('alice', 'incident update INC-1 Rolled back; errors falling');
    await world.say('bob', 'incident note INC-1 Status page updated');
    await world.say('alice', 'incident sev INC-1 2');
    expect(await world.reply('bob', 'incident:INC-1', 'Customers confirm checkout works')).toBeUndefined();
    const i = await incident();
    expect(i.roles).toEqual({ commander: 'alice', communications: 'bob' });
    expect(i.timeline.map((e) => [e.kind, e.by, e.text])).toEqual([
      ['declared', 'alice', 'Declared SEV1: Checkout returns 502'],
      ['role', 'alice', 'bob is communications'],
      ['update', 'alice', 'Rolled back; errors falling'],
      ['note', 'bob', 'Status page updated'],
      ['severity', 'alice', 'Severity SEV1 → SEV2'],
      ['reply', 'bob', 'Customers confirm checkout works'],
    ]);
    expect((await threadTexts()).slice(1)).toEqual([
      'bob is communications (set by alice).',
      'Status update from alice: Rolled back; errors falling',
      'Note from bob: Status page updated',
      'Severity SEV1 → SEV2 (by alice).',
    ]);
    expect(fieldOf(await latest(world.ops, 'incident:INC-1'), 'Severity')).toBe('SEV2');
  });

  it('nudges the commander when no update came within the severity cadence, and not after an update', async () => {
    await advance(world, clock, 20 * MINUTE);
    await world.say('alice', 'incident update INC-1 Investigating');
    await advance(world, clock, 29 * MINUTE);
    expect((await threadTexts()).filter((t) => t?.includes('status update is due'))).toEqual([]);
    await advance(world, clock, MINUTE);
    const nudges = (await outbox(world.ops)).filter((r) => r.thread === 'incident:INC-1' && (r.message as OpsMessage).text?.includes('due'));
    expect(nudges.map((n) => [(n.message as OpsMessage).text, (n.message as OpsMessage).mentions])).toEqual([
      ['alice, a status update is due: the last one was 30m ago. Post one with incident update INC-1 <text>.', [{ person: 'alice' }]],
    ]);
    await advance(world, clock, 30 * MINUTE);
    expect((await threadTexts()).filter((t) => t?.includes('status update is due'))).toHaveLength(2);
  });

  it('resolves, stops nudging and refuses to resolve twice', async () => {
    await advance(world, clock, 45 * MINUTE);
    const answer = await world.say('alice', 'incident resolve INC-1 --summary Bad config in 1.4.2, rolled back');
    expect(textOf(answer)).toBe('INC-1 resolved. Write it up with incident postmortem INC-1.');
    expect(await incident()).toMatchObject({ status: 'resolved', resolvedAt: '2026-03-20T10:45:00.000Z', summary: 'Bad config in 1.4.2, rolled back' });
    expect((await world.ops.store.inspect((tx) => tx.scan('job'))).filter((j) => j.type === 'incident.nudge')).toEqual([]);
    expect((await world.say('alice', 'incident resolve INC-1')).message.text).toBe('INC-1 is already resolved.');
    expect(textOf(await world.say('bob', 'incidents --open'))).toBe('No open incidents.');
    expect(textOf(await world.say('bob', 'incidents'))).toContain('INC-1 · SEV1 · resolved · Checkout returns 502 · api · commander alice');
  });

  it('refuses people outside the team and viewers', async () => {
    expect((await world.say('alice', 'incident role INC-1 scribe @zed')).message.text).toBe('zed is not in the team; the people are alice, bob.');
    expect((await world.say('carol', 'incident update INC-1 hello')).failed).toBe(true);
  });
});

describe('declare from an alert group', () => {
  it('prefills title, service and severity from the group and links it; a second press points to the open one', async () => {
    await world.ops.store.transact((tx) => tx.put('alertGroup', alertGroup('ALG-4')));
    const answer = await world.press('bob', 'incident.declare-from-alert', 'ALG-4');
    expect(textOf(answer)).toBe('bob declared INC-1 (SEV1) from ALG-4: HighErrorRate on api');
    expect(await incident()).toMatchObject({ title: 'HighErrorRate on api', severity: 1, services: ['api'], alertGroups: ['ALG-4'], roles: { commander: 'bob' } });
    expect((await latest(world.ops, 'alert-group:ALG-4:line:1'))?.text).toBe('bob declared INC-1 for this alert.');
    expect((await world.ops.store.read((tx) => tx.get('alertGroup', 'ALG-4')))?.incident).toBe('INC-1');
    expect((await world.press('bob', 'incident.declare-from-alert', 'ALG-4')).message.text).toBe('INC-1 is already open for ALG-4; follow it there.');
  });
});

describe('postmortem', () => {
  it('writes the Markdown skeleton from the timeline, the same in chat and in the exported file', async () => {
    await world.ops.store.transact(async (tx) => {
      await tx.put('deployment', deployment('DEP-7', { service: 'api', state: 'succeeded', version: '1.4.2', createdAt: '2026-03-20T09:00:00.000Z', finishedAt: '2026-03-20T09:05:00.000Z' }), { closed: true });
      await tx.put('decision', acceptedDecision('D-2', { category: 'database', title: 'Nightly backups | restore monthly', service: 'api' }));
      await tx.put('alertGroup', alertGroup('ALG-2'));
    });
    await world.say('alice', 'incident declare Checkout returns 502 --sev 2 --service api');
    await advance(world, clock, 10 * MINUTE);
    await world.say('alice', 'incident role INC-1 scribe @bob');
    await world.say('alice', 'incident update INC-1 Rolled back DEP-7');
    await advance(world, clock, 15 * MINUTE);
    await world.say('alice', 'incident resolve INC-1 --summary Bad config in 1.4.2');
    const chat = await world.say('bob', 'incident postmortem INC-1');
    const file = join(dir.dir, 'INC-1.md');
    await exportPostmortem(world.ops, 'INC-1', file);
    const markdown = await readFile(file, 'utf8');
    expect(chat.message.text).toBe(markdown);
    const sections = Object.fromEntries(markdown.split(/^## /m).slice(1).map((s) => [s.slice(0, s.indexOf('\n')), s.slice(s.indexOf('\n')).trim()]));
    expect(markdown.split('\n## ')[0]!.split('\n')).toEqual([
      '# INC-1: Checkout returns 502',
      '',
      '- Severity: SEV2',
      '- Status: resolved',
      '- Services: api',
      '- Declared: 2026-03-20 10:00 UTC by alice',
      '- Resolved: 2026-03-20 10:25 UTC (after 25m)',
      '- Roles: commander alice, scribe bob',
      '',
    ]);
    expect(sections).toEqual({
      Summary: 'Bad config in 1.4.2',
      Impact: 'SEV2 on api for 25m from declaration to resolution. _Describe who was affected and how._',
      Timeline: [
        '| Time | Who | What |',
        '| --- | --- | --- |',
        '| 2026-03-20 10:00:00 UTC | alice | Declared SEV2: Checkout returns 502 |',
        '| 2026-03-20 10:10:00 UTC | alice | bob is scribe |',
        '| 2026-03-20 10:10:00 UTC | alice | Status update: Rolled back DEP-7 |',
        '| 2026-03-20 10:25:00 UTC | alice | Resolved: Bad config in 1.4.2 |',
      ].join('\n'),
      'Linked alerts': '- ALG-2: HighErrorRate on api (firing, api)',
      Deployments: '- DEP-7: api 1.4.2 to production, succeeded at 2026-03-20 09:05 UTC',
      Decisions: '- D-2: Nightly backups | restore monthly (database, api)',
      'Action items': '| Action | Owner | Due | State |\n| --- | --- | --- | --- |',
    });
  });
});
