import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { ingestBatch } from '../../bot/alerts/ingest.js';
import { FakeSender } from '../support/fake-sender.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { chatFor } from './router.js';
import { fixture, testConfig } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The app as `dayops serve` builds it; with `dir`, a restart on that data directory at `at`. */
async function boot(dir?: string, at?: Date): Promise<{ ops: TestOps; sender: FakeSender }> {
  const config = testConfig();
  const ops = await createTestOps({ config, ...(dir ? { dir } : {}), ...(at ? { clock: new ManualClock(at) } : {}) });
  const sender = new FakeSender('shell');
  ops.outbox.registerSender(sender);
  ops.outbox.start();
  return { ops, sender };
}

async function ingest(ops: TestOps, path: string): Promise<void> {
  const parsed = parseAlertmanager(fixture(path));
  if (!parsed.ok) throw new Error(parsed.reasons.join());
  await ops.store.transact((tx) => ingestBatch(ops, tx, parsed.value, ops.clock.now()));
}

describe('maintenance windows', () => {
  it('announces the window, mutes matching alerts, and across a restart announces the end and posts what still fires', async () => {
    const first = await boot();
    const chat = chatFor(first.ops);
    const r = await chat.run('maintenance checkout --for 2h --reason database upgrade');
    expect(r.message.text).toBe('MNT-1 starts now and ends at 2026-01-05 11:00 UTC; announced in shell:alerts.');
    await ingest(first.ops, 'alertmanager/firing-group.json');
    await first.ops.outbox.whenIdle(5000);
    expect(first.sender.postedKeys()).toEqual(['maintenance:MNT-1']);
    expect(first.sender.posts[0]!.message.title).toBe('Maintenance MNT-1 for checkout');
    const group = await first.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(group?.mutedBy).toBe('MNT-1');
    const window = await first.ops.store.read((tx) => tx.get('maintenance', 'MNT-1'));
    expect(window?.muted).toEqual(['ALG-1']);
    const dir = first.ops.dir;
    await first.ops.app.close({ keepDir: true });

    // Down until the window's end: the restarted app fires the missed end job at start.
    const second = await boot(dir, new Date('2026-01-05T11:00:00Z'));
    await second.ops.app.settle();
    expect(await second.ops.store.read((tx) => tx.get('job', 'alerts-maintenance-end:MNT-1'))).toBeUndefined();
    await second.ops.outbox.whenIdle(5000);
    expect(second.sender.edits.map((e) => [e.key, e.message.title])).toEqual([['maintenance:MNT-1', 'Maintenance MNT-1 has ended']]);
    const summary = second.sender.posts.find((p) => p.key === 'maintenance:MNT-1:end')!;
    expect(summary.message.text).toBe(
      'Muted during the window (1):\n• ALG-1 HighErrorRate on checkout (prod): firing\nGroups still firing are posted now.',
    );
    expect(second.sender.postedKeys()).toContain('alert-group:ALG-1');
    const after = await second.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(after?.mutedBy).toBeUndefined();
  });

  it('starts a scheduled window at its time, and leaves non-matching alerts alone', async () => {
    const { ops, sender } = await boot();
    cleanups.push(async () => {
      await ops.outbox.stop();
      await ops.close();
    });
    const chat = chatFor(ops);
    const r = await chat.run('maintenance service=web env=~"prod.*" --from 2026-01-05 10:00 --until 2026-01-05 11:00 --reason failover test');
    expect(r.message.text).toBe('MNT-1 starts at 2026-01-05 10:00 UTC and ends at 2026-01-05 11:00 UTC; announced in shell:alerts.');
    await ops.outbox.whenIdle(5000);
    expect(sender.posts).toEqual([]);
    await chat.advance(60 * 60_000);
    expect(await ops.store.read((tx) => tx.get('job', 'alerts-maintenance-start:MNT-1'))).toBeUndefined();
    await ingest(ops, 'alertmanager/firing-group.json');
    await ops.outbox.whenIdle(5000);
    expect(sender.postedKeys()).toEqual(['maintenance:MNT-1', 'alert-group:ALG-1']);
    expect(sender.posts[0]!.message.title).toBe('Maintenance MNT-1 for service="web", env=~"prod.*"');
  });

  it('refuses a window without a length or one that ends before it starts', async () => {
    const { ops } = await boot();
    cleanups.push(() => ops.close());
    const chat = chatFor(ops);
    expect((await chat.run('maintenance api --reason x')).message.text).toBe('Say how long: --for 2h, or --from … --until ….');
    expect((await chat.run('maintenance api --from 2026-01-05 12:00 --until 2026-01-05 11:00 --reason x')).message.text).toBe(
      'The window must end after it starts.',
    );
  });
});

describe('maintenance windows with Alertmanager', () => {
  const AM = 'http://alertmanager.test:9093';
  const mock = setupServer();
  beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mock.close());

  it('creates the matching Alertmanager silence for the window', async () => {
    const created: unknown[] = [];
    mock.use(
      http.post(`${AM}/api/v2/silences`, async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json({ silenceID: 'am-silence-1' });
      }),
    );
    const config = testConfig({ secrets: { alertmanagerUrl: AM } });
    const ops = await createTestOps({ config });
    cleanups.push(() => ops.close());
    const r = await chatFor(ops).run('maintenance api --for 1h --reason upgrade');
    expect(r.message.text).toBe('MNT-1 starts now and ends at 2026-01-05 10:00 UTC; announced in shell:alerts.');
    expect(created).toEqual([
      {
        matchers: [{ name: 'service', value: 'api', isRegex: false, isEqual: true }],
        startsAt: '2026-01-05T09:00:00.000Z',
        endsAt: '2026-01-05T10:00:00.000Z',
        createdBy: 'dayops (bob)',
        comment: 'Maintenance: upgrade',
      },
    ]);
    expect(await ops.store.read((tx) => tx.get('maintenance', 'MNT-1'))).toMatchObject({ alertmanagerSilenceId: 'am-silence-1' });
  });
});
