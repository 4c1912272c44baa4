import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, chatFor } from './router.js';
import { fixture, startOps } from './support.js';

const AM = 'http://alertmanager.test:9093';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const text = (r: { message: { text?: string } }) => r.message.text ?? '';
/** The alert jobs (re-notify, silence ends); other features' daily jobs (budgets, checks) are not these tests' business. */
const jobIds = (h: Awaited<ReturnType<typeof startOps>>) =>
  h.ops.store.inspect((tx) => tx.scan('job')).then((jobs) => jobs.map((j) => j.id).filter((id) => id.startsWith('alerts-')).sort());

describe('acknowledge', () => {
  it('shows who acknowledged on the message, writes it in the thread and stops re-notifying', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(await jobIds(h)).toEqual(['alerts-renotify:ALG-1']);
    const r = await chat.press('alerts.ack', 'ALG-1', ALICE);
    expect(text(r)).toBe('alice acknowledged ALG-1: HighErrorRate on checkout (prod)');
    await h.idle();
    const message = h.versions('alert-group:ALG-1').at(-1)!;
    // A time value: each platform shows it in the reader's or the team's zone, never as raw ISO.
    expect(message.fields).toContainEqual({ label: 'Acknowledged by alice', value: { at: '2026-01-05T09:00:00.000Z', style: 'datetime' }, short: true });
    expect(message.buttons?.map((b) => b.label)).not.toContain('Acknowledge');
    expect(h.sender.posts.find((p) => p.key === 'alert-group:ALG-1:line:1')?.message.text).toBe('Acknowledged by alice.');
    expect(await jobIds(h)).toEqual([]);
    expect(text(await chat.run('ack ALG-1', BOB))).toBe('ALG-1 was already acknowledged by alice.');
  });

  it('refuses unknown and resolved groups with a plain sentence', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    expect(text(await chat.run('ack 9'))).toContain('There is no alert group ALG-9');
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.ingest('alertmanager', fixture('alertmanager/resolved-group.json'));
    expect(text(await chat.run('ack ALG-1'))).toBe('ALG-1 is already resolved; nothing is firing there.');
  });
});

describe('silence', () => {
  it('without Alertmanager: records the silence, shows it, and lifts it when its time is up', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    const r = await chat.press('alerts.silence', 'ALG-1 1h');
    expect(text(r)).toBe('bob silenced ALG-1 for 1h as SIL-1.');
    const silence = await h.ops.store.read((tx) => tx.get('silence', 'SIL-1'));
    expect(silence?.matchers).toEqual([
      { name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true },
      { name: 'service', value: 'checkout', isRegex: false, isEqual: true },
    ]);
    expect(silence?.endsAt).toBe('2026-01-05T10:00:00.000Z');
    expect(await jobIds(h)).toEqual(['alerts-silence-end:SIL-1']);
    await chatFor(h.ops).advance(3_600_000);
    expect(await jobIds(h)).toEqual([]);
    await h.idle();
    const lines = h.sender.posts.filter((p) => p.key.includes(':line:')).map((p) => p.message.text);
    expect(lines).toEqual(['Silenced for 1h by bob (SIL-1), until 2026-01-05 10:00 UTC.', 'Silence SIL-1 ended.']);
    const group = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(group?.silence).toBeUndefined();
    expect(text(await chat.run('silences'))).toBe('No silences are in force.');
  });

  it('keeps new matching groups quiet while a chat silence lasts, and posts them when it ends', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    await chat.run('silence service=checkout --for 30m --reason known');
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.idle();
    expect(h.sender.posts).toEqual([]);
    expect(await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'))).toMatchObject({ mutedBy: 'SIL-1' });
    await chat.advance(30 * 60_000);
    await h.idle();
    expect(h.sender.postedKeys()).toEqual(['alert-group:ALG-1']);
    expect(await jobIds(h)).toEqual(['alerts-renotify:ALG-1']);
  });

  it('needs the alerts.silence permission', async () => {
    const h = await startOps();
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    const r = await chatFor(h.ops).press('alerts.silence', 'ALG-1 1h', ALICE);
    expect(text(r)).toContain('You need the alerts.silence permission');
    expect(await h.ops.store.inspect((tx) => tx.scan('silence'))).toEqual([]);
  });

  it('with Alertmanager: creates a real silence with author and comment, and expires it on unsilence', async () => {
    const created: unknown[] = [];
    const deleted: string[] = [];
    mock.use(
      http.post(`${AM}/api/v2/silences`, async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json(fixture('alertmanager/api-v2-silences-post-response.json'));
      }),
      http.delete(`${AM}/api/v2/silence/:id`, ({ params }) => {
        deleted.push(String(params.id));
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const h = await startOps({ secrets: { alertmanagerUrl: AM } });
    const chat = chatFor(h.ops);
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    const r = await chat.run('silence service=checkout severity=~"critical|warning" --for 2h --reason db failover');
    expect(text(r)).toBe(
      'SIL-1 silences service="checkout", severity=~"critical|warning" until 2026-01-05 11:00 UTC (Alertmanager silence 3f6a9c2e-1b7d-4e58-9a0c-5d2f8e4b1a76).',
    );
    expect(created).toEqual([
      {
        matchers: [
          { name: 'service', value: 'checkout', isRegex: false, isEqual: true },
          { name: 'severity', value: 'critical|warning', isRegex: true, isEqual: true },
        ],
        startsAt: '2026-01-05T09:00:00.000Z',
        endsAt: '2026-01-05T11:00:00.000Z',
        createdBy: 'dayops (bob)',
        comment: 'Silenced from shell:ops by bob: db failover',
      },
    ]);
    const group = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(group?.silence).toBe('SIL-1');
    expect(text(await chat.run('silences'))).toContain('SIL-1 service="checkout", severity=~"critical|warning" until 2026-01-05 11:00 UTC by bob');
    expect(text(await chat.run('unsilence SIL-1'))).toBe('SIL-1 has ended; matching alerts will notify again.');
    expect(deleted).toEqual(['3f6a9c2e-1b7d-4e58-9a0c-5d2f8e4b1a76']);
    expect(text(await chat.run('unsilence SIL-1'))).toBe('SIL-1 has already ended.');
  });

  it('stores nothing when Alertmanager refuses the silence, and says why', async () => {
    mock.use(http.post(`${AM}/api/v2/silences`, () => HttpResponse.text('bad matchers', { status: 400 })));
    const h = await startOps({ secrets: { alertmanagerUrl: AM } });
    const r = await chatFor(h.ops).run('silence service=api --for 1h --reason test');
    expect(text(r)).toContain('answered 400 to POST /api/v2/silences: bad matchers');
    expect(await h.ops.store.inspect((tx) => tx.scan('silence', { state: 'all' }))).toEqual([]);
  });

  it('refuses a matcher it cannot read', async () => {
    const h = await startOps();
    const r = await chatFor(h.ops).run('silence service --for 1h --reason x');
    expect(text(r)).toContain('"service" is not a label matcher');
  });
});

describe('resolve and declare incident', () => {
  it('resolves a generic group by hand but not an Alertmanager one', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    await h.ingest('generic', { title: 'Backup late', labels: { service: 'db' } });
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(text(await chat.press('alerts.resolve', 'ALG-1'))).toBe('bob resolved ALG-1: Backup late on db');
    expect(text(await chat.press('alerts.resolve', 'ALG-2'))).toContain('came from alertmanager');
    await h.idle();
    expect(h.versions('alert-group:ALG-1').at(-1)?.title).toBe('RESOLVED Backup late on db');
    const closed = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(closed).toMatchObject({ status: 'resolved', resolvedBy: 'bob' });
  });

  it('offers Declare incident, the action the incidents feature implements', async () => {
    const h = await startOps();
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.idle();
    const button = h.sender.posts[0]!.message.buttons?.find((b) => b.label === 'Declare incident');
    expect(button).toMatchObject({ kind: 'action', action: 'incident.declare-from-alert', value: 'ALG-1' });
  });
});

describe('re-notify', () => {
  it('re-notifies an unacknowledged critical group after the delay, mentioning on-call, until acknowledged', async () => {
    const h = await startOps({ alerts: { renotifyAfter: '10m', onCall: ['bob', 'role:oncall'] } });
    const chat = chatFor(h.ops);
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    const renotifies = () => h.sender.posts.filter((p) => p.message.text?.startsWith('Still firing')).map((p) => p.message.text);
    await chat.advance(9 * 60_000);
    await h.idle();
    expect(renotifies()).toEqual([]);
    await chat.advance(60_000);
    await h.idle();
    const line = h.sender.posts.find((p) => p.key === 'alert-group:ALG-1:line:1')!;
    expect(line.message).toEqual({ text: 'Still firing and nobody has acknowledged it after 10m.', mentions: [{ person: 'bob' }, { role: 'oncall' }] });
    // Until someone acknowledges: the tenth re-notify comes as surely as the first.
    for (let i = 2; i <= 10; i++) {
      await chat.advance(10 * 60_000);
      await h.idle();
    }
    expect(renotifies()).toHaveLength(10);
    expect(renotifies()[9]).toBe('Still firing and nobody has acknowledged it after 1h 40m.');
    expect(await jobIds(h)).toEqual(['alerts-renotify:ALG-1']);
    await chat.run('ack ALG-1');
    expect(await jobIds(h)).toEqual([]);
    await chat.advance(10 * 60_000);
    await h.idle();
    expect(renotifies()).toHaveLength(10);
  });

  it('does not schedule re-notify for severities that do not page', async () => {
    const h = await startOps();
    await h.ingest('generic', { title: 'Slow', labels: { severity: 'warning' } });
    expect(await jobIds(h)).toEqual([]);
  });
});

describe('alerts command', () => {
  it('lists firing groups, by service, and muted or resolved ones with --all', async () => {
    const h = await startOps();
    const chat = chatFor(h.ops);
    expect(text(await chat.run('alerts'))).toBe('Nothing is firing.');
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    await h.ingest('generic', { title: 'Slow', labels: { service: 'web', severity: 'warning' } });
    await h.ingest('generic', { title: 'Gone', labels: { service: 'web' } });
    await chat.press('alerts.resolve', 'ALG-3');
    expect(text(await chat.run('alerts'))).toBe('ALG-1 critical HighErrorRate on checkout (prod): 2 firing\nALG-2 warning Slow on web: 1 firing');
    expect(text(await chat.run('alerts web'))).toBe('ALG-2 warning Slow on web: 1 firing');
    expect(text(await chat.run('alerts web --all'))).toBe('ALG-2 warning Slow on web: 1 firing\nALG-3 Gone on web: resolved');
  });
});
