import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { computeDigest } from '../../bot/digest/compute.js';
import { digestConfigSchema } from '../../bot/digest/config-schema.js';
import { digestMessage } from '../../bot/digest/message.js';
import { digestWindow } from '../../bot/digest/window.js';
import { tempDir } from '../support/temp-dir.js';
import { OPTIONS, RECORDS, WEEK_END } from './fixtures.js';
import { advanceTo, digestConfig, messageOf, posts, seedRecords, startDigestWorld } from './support.js';

const WEEK_FIELDS = [
  { label: 'Deployments', value: 'production: 8 ended · 5 succeeded · 2 failed · 1 halted · 1 rollback\nstaging: 1 ended · 1 succeeded · 0 failed · 0 rollbacks' },
  { label: 'Incidents', value: '3 opened (INC-1, INC-2, INC-4) · 3 resolved (INC-1, INC-2, INC-5) · 1 still open (INC-4)' },
  { label: 'Open alert groups', value: 'ALG-3 HighLatency (api, critical)\nALG-5 DiskFilling' },
  { label: 'Upcoming maintenance', value: 'MNT-1 api from 2026-03-21 02:00 UTC to 2026-03-21 04:00 UTC' },
  { label: 'Upcoming reminders', value: 'REM-1 Restore test of the api database at 2026-03-21 09:00 UTC' },
  { label: 'Deployment frequency', value: '4 successful deployments to production (0.57 a day)', short: true },
  { label: 'Lead time for changes', value: 'median 4h, over 3 of 4 deployments with a commit time', short: true },
  { label: 'Change failure rate', value: '60% (3 of 5 deployments): DEP-1 rolled back by DEP-2; DEP-3 caused INC-1; DEP-4 health check failed', short: true },
  { label: 'Failed deployment recovery time', value: 'median 22h, over 3 recovered failures', short: true },
  { label: 'DORA by service', value: 'api: 2 deployments · lead time 6h · 67% failed (2 of 3) · recovered in 13h 35m\nweb: 2 deployments · lead time 4h · 50% failed (1 of 2) · recovered in 22h 30m' },
];

describe('the digest message', () => {
  it('shows the fixed week field by field', () => {
    const message = digestMessage(computeDigest(RECORDS, digestWindow('week', WEEK_END), OPTIONS), 'UTC');
    expect(message.title).toBe('Weekly digest');
    expect(message.text).toBe('From 2026-03-13 12:00 UTC to 2026-03-20 12:00 UTC.');
    expect(message.fields).toEqual(WEEK_FIELDS);
    expect(message.context).toEqual([
      'DORA figures count changes to production; a change failed when its health check failed, a rollback of it ran, or an incident on its service was declared within 24h of it (one incident blames one change).',
    ]);
  });

  it('says plainly when there is nothing to count', () => {
    const empty = { deployments: [], incidents: [], alertGroups: [], maintenance: [], reminders: [] };
    const message = digestMessage(computeDigest(empty, digestWindow('day', WEEK_END), OPTIONS), 'Europe/Berlin');
    expect(message.title).toBe('Daily digest');
    expect(message.text).toBe('From 2026-03-19 13:00 CET to 2026-03-20 13:00 CET.');
    expect(message.fields?.map((f) => f.value)).toEqual([
      'None ended.',
      '0 opened · 0 resolved · 0 still open',
      'None firing.',
      'None scheduled.',
      'None due.',
      '0 successful deployments to production (0 a day)',
      'No successful deployments.',
      'No deployments.',
      'No failed deployment recovered.',
    ]);
  });
});

describe('digest configuration', () => {
  it('refuses a schedule with a cron expression that is not one', () => {
    const bad = digestConfigSchema.safeParse({ schedules: [{ channel: 'shell:ops', period: 'day', cron: '0 9 * *' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['schedules', 0, 'cron']);
    expect(digestConfigSchema.parse({})).toEqual({ schedules: [], failureWindowHours: 24, environments: ['production'] });
  });
});

describe('the digest command, through the router', () => {
  it('answers with the digest of the records in the store, or posts it into a channel', async () => {
    const dir = tempDir('dayops-digest-');
    const clock = new ManualClock(WEEK_END);
    const world = await startDigestWorld(dir, clock, digestConfig());
    await seedRecords(world.ops);

    const shown = await world.say('carol', 'digest --period week');
    expect(shown.failed).toBeFalsy();
    expect(shown.message.title).toBe('Weekly digest');
    expect(shown.message.fields).toEqual(WEEK_FIELDS);
    expect(await posts(world.ops)).toEqual([]);

    const posted = await world.say('alice', 'digest --period week --channel #ops');
    expect(posted.message.text).toBe('Posted the weekly digest to shell:ops.');
    const [post] = await posts(world.ops);
    expect(post).toMatchObject({ channel: 'shell:ops', key: 'digest:week:shell:ops:2026-03-20T12:00:00.000Z' });
    expect(messageOf(post!).fields).toEqual(WEEK_FIELDS);
    const audit = await world.ops.store.queryAudit({ actor: 'alice' });
    expect(audit.map((e) => e.action)).toContain('digest.post');
    await world.stop();
  });

  it('defaults to the day, and refuses an unknown period in one sentence', async () => {
    const dir = tempDir('dayops-digest-');
    const clock = new ManualClock(WEEK_END);
    const world = await startDigestWorld(dir, clock, digestConfig());
    await seedRecords(world.ops);
    const day = await world.say('carol', 'digest');
    expect(day.message.title).toBe('Daily digest');
    expect(day.message.fields?.find((f) => f.label === 'Deployment frequency')?.value).toBe('0 successful deployments to production (0 a day)');
    const bad = await world.say('alice', 'digest --period year --channel #ops');
    expect(bad.failed).toBe(true);
    expect(bad.message.text).toMatch(/^period: must be one of day, week, month\./);
    expect(await posts(world.ops)).toEqual([]);
    await world.stop();
  });

  it('--period month covers the last 30 days, with the figures per service', async () => {
    const dir = tempDir('dayops-digest-');
    const world = await startDigestWorld(dir, new ManualClock(WEEK_END), digestConfig());
    await seedRecords(world.ops);
    const month = await world.say('carol', 'digest --period month');
    expect(month.message.title).toBe('Monthly digest');
    expect(month.message.text).toBe('From 2026-02-18 12:00 UTC to 2026-03-20 12:00 UTC.');
    // DEP-9, before the week, is in the month too.
    expect(month.message.fields?.find((f) => f.label === 'Deployment frequency')?.value).toBe('5 successful deployments to production (0.17 a day)');
    expect(month.message.fields?.find((f) => f.label === 'DORA by service')?.value).toMatch(/^api: 3 deployments · lead time 2h · 50% failed \(2 of 4\) · recovered in 13h 35m$/m);
    await world.stop();
  });
});

describe('the scheduled digest, through the durable scheduler', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  const daily = () => digestConfig((c) => void (c.digest.schedules = [{ channel: 'shell:ops', period: 'day', cron: '0 9 * * *' }]));

  it('posts on its cron into its channel, and after downtime once, marked late', async () => {
    const dir = tempDir('dayops-digest-');
    const clock = new ManualClock(new Date('2026-03-20T08:00:00Z'));
    const first = await startDigestWorld(dir, clock, daily());
    await seedRecords(first.ops);
    expect(await first.ops.store.read((tx) => tx.get('job', 'digest:day:shell:ops'))).toMatchObject({ dueAt: '2026-03-20T09:00:00.000Z', cron: '0 9 * * *', tz: 'UTC' });

    await advanceTo(first, clock, new Date('2026-03-20T09:00:00Z'));
    const [post] = await posts(first.ops);
    expect(post).toMatchObject({ channel: 'shell:ops', key: 'digest:day:shell:ops:2026-03-20T09:00:00.000Z' });
    expect(messageOf(post!).text).toBe('From 2026-03-19 09:00 UTC to 2026-03-20 09:00 UTC.');
    expect(messageOf(post!).fields?.find((f) => f.label === 'Deployment frequency')?.value).toBe('1 successful deployment to production (1 a day)');
    expect(await first.ops.store.read((tx) => tx.get('job', 'digest:day:shell:ops'))).toMatchObject({ dueAt: '2026-03-21T09:00:00.000Z' });
    await first.stop();

    // Down over two 09:00 slots: one digest on start, saying when it was due.
    clock.set(new Date('2026-03-22T10:00:00Z'));
    const second = await startDigestWorld(dir, clock, daily());
    const all = await posts(second.ops);
    expect(all.map((p) => p.key)).toEqual(['digest:day:shell:ops:2026-03-20T09:00:00.000Z', 'digest:day:shell:ops:2026-03-22T10:00:00.000Z']);
    expect(messageOf(all[1]!).context?.at(-1)).toBe('Late: was due 2026-03-21 09:00 UTC, dayops was not running then.');
    expect(await second.ops.store.read((tx) => tx.get('job', 'digest:day:shell:ops'))).toMatchObject({ dueAt: '2026-03-23T09:00:00.000Z' });
    await second.stop();
  });

  it('follows the config across restarts: a changed cron replaces the job, a removed schedule removes it', async () => {
    const dir = tempDir('dayops-digest-');
    const clock = new ManualClock(new Date('2026-03-20T08:00:00Z'));
    await (await startDigestWorld(dir, clock, daily())).stop();
    const moved = digestConfig((c) => void (c.digest.schedules = [{ channel: 'shell:ops', period: 'week', cron: '0 8 * * MON' }]));
    const second = await startDigestWorld(dir, clock, moved);
    const jobs = await second.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'digest.post' }));
    expect(jobs.map((j) => [j.id, j.dueAt, j.payload])).toEqual([['digest:week:shell:ops', '2026-03-23T08:00:00.000Z', { channel: 'shell:ops', period: 'week' }]]);
    await second.stop();
    const third = await startDigestWorld(dir, clock, digestConfig());
    expect(await third.ops.store.inspect((tx) => tx.scan('job', { where: (j) => j.type === 'digest.post' }))).toEqual([]);
    await third.stop();
  });
});
