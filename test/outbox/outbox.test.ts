import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import type { OpsMessage } from '../../bot/model.js';
import { OutboxService, retryDelay, type OutboxServiceOptions } from '../../bot/outbox-service.js';
import type { PostInput } from '../../bot/outbox.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { Store } from '../../data/store.js';
import { FakeSender } from '../support/fake-sender.js';

const text = (t: string): OpsMessage => ({ text: t });
const FAST_RETRY = { baseMs: 2, maxMs: 20 };

let dir: string;
let stores: Store[] = [];
let outboxes: OutboxService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dayops-outbox-'));
});

afterEach(async () => {
  vi.useRealTimers();
  for (const o of outboxes) await o.stop();
  for (const s of stores) await s.close();
  outboxes = [];
  stores = [];
  await rm(dir, { recursive: true, force: true });
});

async function setup(options: Partial<OutboxServiceOptions> = {}, senders: FakeSender[] = [new FakeSender('shell')]) {
  const store = await openLowdbStore({ dir });
  stores.push(store);
  const outbox = new OutboxService({ store, retry: FAST_RETRY, random: () => 0.5, ...options });
  outboxes.push(outbox);
  for (const s of senders) outbox.registerSender(s);
  const post = (input: PostInput) => store.transact((tx) => outbox.post(tx, input));
  const edit = (key: string, message: OpsMessage) => store.transact((tx) => outbox.edit(tx, key, message));
  const outboxRecords = () => store.inspect((tx) => tx.scan('outbox'));
  return { store, outbox, sender: senders[0]!, post, edit, outboxRecords };
}

describe('outbox', () => {
  it('delivers in order per channel and records post and postRef history', async () => {
    const { outbox, sender, post, store } = await setup();
    outbox.start();
    for (let i = 1; i <= 5; i++) await post({ channel: 'shell:ops', key: `m${i}`, message: text(`m${i}`) });
    await post({ channel: 'shell:dev', key: 'd1', message: text('d1') });
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.postedKeys('ops')).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(sender.postedKeys('dev')).toEqual(['d1']);
    expect(await outbox.depth()).toBe(0);
    const m3 = sender.posts.find((p) => p.key === 'm3')!;
    const record = await store.read((tx) => tx.get('post', 'm3'));
    expect(record).toMatchObject({ id: 'm3', channel: 'shell:ops', message: text('m3') });
    expect(await outbox.keyForRef('shell:ops', record!.ref)).toBe('m3');
    expect(await outbox.keyForRef('shell:ops', 'no-such-ref')).toBeUndefined();
    // dedupe keys are distinct per message
    expect(new Set(sender.posts.map((p) => p.dedupeKey)).size).toBe(6);
    expect(m3.channelId).toBe('ops');
  });

  it('chooses the sender by the channel platform and keeps a platform without one queued', async () => {
    const shell = new FakeSender('shell');
    const slack = new FakeSender('slack');
    const { outbox, post } = await setup({}, [shell, slack]);
    outbox.start();
    await post({ channel: 'slack:C1', key: 's', message: text('s') });
    await post({ channel: 'shell:ops', key: 'h', message: text('h') });
    await post({ channel: 'discord:9', key: 'd', message: text('d') });
    expect(await outbox.whenIdle(300)).toBe(false);
    expect(slack.postedKeys()).toEqual(['s']);
    expect(slack.posts[0]!.channelId).toBe('C1');
    expect(shell.postedKeys()).toEqual(['h']);
    expect(await outbox.depth()).toBe(1);
    const discord = new FakeSender('discord');
    outbox.registerSender(discord);
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(discord.postedKeys()).toEqual(['d']);
  });

  it('holds a thread reply until its parent is posted and passes the parent refs', async () => {
    const { outbox, sender, post } = await setup();
    // The parent fails twice, so the reply (in another channel) would overtake it if it did not wait.
    sender.failNext({ kind: 'serverError' }, 2);
    await post({ channel: 'shell:ops', key: 'incident:INC-1', message: text('parent') });
    await post({ channel: 'shell:other', key: 'incident:INC-1:update', thread: 'incident:INC-1', message: text('reply') });
    outbox.start();
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.postedKeys()).toEqual(['incident:INC-1', 'incident:INC-1:update']);
    const [parent, reply] = sender.posts;
    expect(parent!.opensThread).toBe(true);
    expect(reply!.threadRef).toBe('1');
    expect(reply!.parentOwnThreadRef).toBe('thread-1');
  });

  it('posts a reply at top level when its parent will never come', async () => {
    const { outbox, sender, post } = await setup();
    outbox.start();
    await post({ channel: 'shell:ops', key: 'orphan', thread: 'never-posted', message: text('x') });
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.posts[0]!.threadRef).toBeUndefined();
  });

  it('backs off after 5xx errors, persisting attempts, then succeeds', async () => {
    const { outbox, sender, post, outboxRecords } = await setup({ retry: { baseMs: 200, maxMs: 200 } });
    sender.failNext({ kind: 'serverError', status: 502 });
    await post({ channel: 'shell:ops', key: 'a', message: text('a') });
    outbox.start();
    await vi.waitFor(async () => expect((await outboxRecords())[0]?.attempts).toBe(1));
    const [record] = await outboxRecords();
    expect(record!.lastError).toBe('HTTP 502 from the fake platform');
    expect(Date.parse(record!.notBefore)).toBeGreaterThan(Date.now() - 50);
    expect(sender.posts).toEqual([]);
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.calls).toEqual(['post:a', 'post:a']);
  });

  it('waits out a long outage without losing or reordering anything', async () => {
    const { outbox, sender, post, outboxRecords } = await setup();
    sender.startOutage();
    outbox.start();
    for (let i = 1; i <= 4; i++) await post({ channel: 'shell:ops', key: `m${i}`, message: text(`m${i}`) });
    await vi.waitFor(async () => expect((await outboxRecords()).find((r) => r.key === 'm1')?.attempts).toBeGreaterThanOrEqual(6));
    expect(await outbox.depth()).toBe(4);
    sender.recover();
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.postedKeys()).toEqual(['m1', 'm2', 'm3', 'm4']);
    // Only the head of the channel was retried during the outage.
    expect(sender.calls.filter((c) => c !== 'post:m1').sort()).toEqual(['post:m2', 'post:m3', 'post:m4']);
  });

  it('drops a message the platform will never take and goes on', async () => {
    const { outbox, sender, post } = await setup();
    sender.failNext({ kind: 'permanent', message: 'channel_not_found' });
    await post({ channel: 'shell:gone', key: 'lost', message: text('x') });
    await post({ channel: 'shell:gone', key: 'next', message: text('y') });
    outbox.start();
    expect(await outbox.whenIdle(5000)).toBe(true);
    expect(sender.calls).toEqual(['post:lost', 'post:next']);
    expect(sender.postedKeys()).toEqual(['next']);
  });

  it('resumes what was queued after a restart over the same data directory', async () => {
    const first = await setup();
    first.sender.startOutage();
    first.outbox.start();
    await first.post({ channel: 'shell:ops', key: 'a', message: text('a') });
    await first.post({ channel: 'shell:ops', key: 'b', message: text('b') });
    await vi.waitFor(async () => expect((await first.outboxRecords()).find((r) => r.key === 'a')?.attempts).toBeGreaterThanOrEqual(1));
    await first.outbox.stop();
    await first.store.close();
    stores = stores.filter((s) => s !== first.store);

    const second = await setup();
    expect(await second.outbox.depth()).toBe(2);
    second.outbox.start();
    expect(await second.outbox.whenIdle(5000)).toBe(true);
    expect(second.sender.postedKeys()).toEqual(['a', 'b']);
    // The resend carries the same dedupe key as the failed attempt.
    expect(second.sender.posts[0]!.dedupeKey).toBe('dayops-out-1');
  });

  describe('edits', () => {
    it('coalesce into a post not yet delivered', async () => {
      const { outbox, sender, post, edit } = await setup();
      await post({ channel: 'shell:ops', key: 'deploy:DEP-1', message: text('running') });
      await edit('deploy:DEP-1', text('succeeded'));
      expect(await outbox.depth()).toBe(1);
      outbox.start();
      expect(await outbox.whenIdle(5000)).toBe(true);
      expect(sender.posts.map((p) => p.message)).toEqual([text('succeeded')]);
      expect(sender.edits).toEqual([]);
    });

    it('of a delivered post are queued, coalesced with each other, and sent with its ref', async () => {
      const { outbox, sender, post, edit, store } = await setup();
      outbox.start();
      await post({ channel: 'shell:ops', key: 'alert:x', message: text('firing') });
      expect(await outbox.whenIdle(5000)).toBe(true);
      await outbox.stop();
      await edit('alert:x', text('still firing'));
      await edit('alert:x', text('resolved'));
      expect(await outbox.depth()).toBe(1);
      outbox.start();
      expect(await outbox.whenIdle(5000)).toBe(true);
      expect(sender.edits).toEqual([{ channelId: 'ops', ref: '1', key: 'alert:x', message: text('resolved') }]);
      expect((await store.read((tx) => tx.get('post', 'alert:x')))!.message).toEqual(text('resolved'));
    });

    it('of a message that was never posted are dropped', async () => {
      const { outbox, sender, edit } = await setup();
      outbox.start();
      await edit('nothing', text('x'));
      expect(await outbox.depth()).toBe(0);
      expect(await outbox.whenIdle(1000)).toBe(true);
      expect(sender.calls).toEqual([]);
    });

    it('arriving while the post is in flight are still delivered', async () => {
      const { outbox, sender, post, edit } = await setup();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      const realPost = sender.post.bind(sender);
      sender.post = async (request) => {
        started = true;
        await gate;
        return realPost(request);
      };
      outbox.start();
      await post({ channel: 'shell:ops', key: 'k', message: text('v1') });
      await vi.waitFor(() => expect(started).toBe(true));
      await edit('k', text('v2'));
      release();
      expect(await outbox.whenIdle(5000)).toBe(true);
      expect(sender.posts.map((p) => p.message)).toEqual([text('v1')]);
      expect(sender.edits.map((e) => e.message)).toEqual([text('v2')]);
    });
  });

  describe('rate limits (manual clock, fake timers)', () => {
    it('waits the Retry-After of the channel before resending', async () => {
      const clock = new ManualClock();
      const { outbox, sender, post, outboxRecords } = await setup({ clock });
      sender.failNext({ kind: 'rateLimited', retryAfterMs: 30_000 });
      outbox.start();
      await post({ channel: 'shell:ops', key: 'a', message: text('a') });
      await post({ channel: 'shell:ops', key: 'b', message: text('b') });
      await vi.waitFor(async () => expect((await outboxRecords()).find((r) => r.key === 'a')?.attempts).toBe(1));
      await outbox.settled();
      const [head] = (await outboxRecords()).sort((x, y) => x.seq - y.seq);
      expect(head!.notBefore).toBe(new Date(clock.now().getTime() + 30_000).toISOString());
      // One timer, on the clock the outbox reads: the wait is in the clock's time, not the machine's.
      expect(clock.pendingTimers).toBe(1);

      clock.advance(29_000);
      await outbox.settled();
      expect(sender.calls).toEqual(['post:a']);

      clock.advance(1000);
      await vi.waitFor(() => expect(sender.postedKeys()).toEqual(['a', 'b']));
    });
  });
});

describe('retryDelay', () => {
  const policy = { baseMs: 1000, maxMs: 300_000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [3, 0.5, 3000],
    [9, 1, 256_000],
    [10, 1, 300_000],
    [50, 0, 150_000],
  ])('attempt %d with random %d waits %d ms', (attempts, random, expected) => {
    expect(retryDelay(attempts, policy, () => random)).toBe(expected);
  });
});
