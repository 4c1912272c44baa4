import { describe, expect, it } from 'vitest';
import { decisionMessage } from '../../bot/decisions/message.js';
import type { DecisionRecord } from '../../data/records/decision.js';
import { FakeSender } from '../support/fake-sender.js';
import { harness, textOf } from './harness.js';

const proposed: DecisionRecord = {
  id: 'D-7',
  title: 'Nightly PostgreSQL backups',
  category: 'database',
  service: 'api',
  context: 'A disk failure loses a day of orders.',
  options: ['pg_dump', 'WAL archiving'],
  outcome: 'WAL archiving',
  status: 'proposed',
  owner: 'alice',
  decisionMakers: [],
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  channel: 'shell:ops',
  history: [{ status: 'proposed', by: 'alice', at: '2026-01-05T09:00:00.000Z' }],
};

describe('decisionMessage', () => {
  it('shows the decision with Accept and Reject buttons while proposed', () => {
    expect(decisionMessage(proposed)).toEqual({
      title: 'D-7 · Nightly PostgreSQL backups',
      text: 'A disk failure loses a day of orders.',
      tone: 'info',
      fields: [
        { label: 'Status', value: 'proposed', short: true },
        { label: 'Category', value: 'database', short: true },
        { label: 'Service', value: 'api', short: true },
        { label: 'Owner', value: 'alice', short: true },
        { label: 'Options', value: '• pg_dump\n• WAL archiving' },
        { label: 'Outcome', value: 'WAL archiving' },
      ],
      buttons: [
        { kind: 'action', label: 'Accept', action: 'decision.accept', value: 'D-7', style: 'primary' },
        { kind: 'action', label: 'Reject', action: 'decision.reject', value: 'D-7', style: 'danger' },
      ],
      context: ['D-7 · proposed by alice'],
      time: { at: '2026-01-05T09:00:00.000Z', style: 'datetime' },
    });
  });

  it('drops Accept and Reject once decided (offering only the duty of its category), and says who decided', () => {
    const accepted: DecisionRecord = {
      ...proposed,
      status: 'accepted',
      decisionMakers: ['bob'],
      supersedes: 'D-2',
      statusReason: 'reviewed',
      history: [...proposed.history, { status: 'accepted', by: 'bob', at: '2026-01-06T09:00:00.000Z', reason: 'reviewed' }],
    };
    const message = decisionMessage(accepted);
    expect(message.buttons?.map((b) => b.label)).toEqual(['Create restore test reminder']);
    expect(message.tone).toBe('success');
    expect(message.context).toEqual(['D-7 · proposed by alice · accepted by bob']);
    expect(message.fields).toContainEqual({ label: 'Decision makers', value: 'bob' });
    expect(message.fields).toContainEqual({ label: 'Supersedes', value: 'D-2' });
    expect(message.fields).toContainEqual({ label: 'Reason', value: 'reviewed' });
  });

  it('says all services when the decision has no service', () => {
    const { service: _service, ...global } = proposed;
    expect(decisionMessage(global).fields).toContainEqual({ label: 'Service', value: 'all services', short: true });
  });
});

describe('the decision message is edited in place', () => {
  it('posts once, then edits the same message when accepted, dropping the buttons', async () => {
    const h = await harness();
    const sender = new FakeSender('shell');
    h.ops.outbox.registerSender(sender);
    h.ops.outbox.start();
    await h.decide('Use Prometheus --category monitoring');
    expect(await h.ops.outbox.whenIdle(5000)).toBe(true);
    expect(sender.posts.map((p) => [p.key, p.channelId])).toEqual([['decision:D-1', 'ops']]);
    expect(sender.posts[0]!.message.buttons).toHaveLength(2);

    await h.accept('D-1');
    const queued = await h.ops.store.inspect((tx) => tx.scan('outbox'));
    expect(queued.map((r) => [r.op, r.key])).toEqual([['edit', 'decision:D-1']]);
    expect(await h.ops.outbox.whenIdle(5000)).toBe(true);
    expect(sender.posts).toHaveLength(1);
    expect(sender.edits.map((e) => [e.key, e.ref])).toEqual([['decision:D-1', '1']]);
    expect(sender.edits[0]!.message.buttons?.map((b) => b.label)).toEqual(['Create dashboard review reminder']);
    expect(sender.edits[0]!.message.fields).toContainEqual({ label: 'Status', value: 'accepted', short: true });
  });

  it('edits both messages on supersede', async () => {
    const h = await harness();
    const sender = new FakeSender('shell');
    h.ops.outbox.registerSender(sender);
    h.ops.outbox.start();
    await h.decide('Self-hosted PostgreSQL --category database');
    await h.decide('Managed PostgreSQL --category database');
    await h.accept('D-1');
    await h.accept('D-2');
    expect(await h.ops.outbox.whenIdle(5000)).toBe(true);
    sender.edits.length = 0;
    await h.run('bob', 'decision supersede D-1 D-2');
    expect(await h.ops.outbox.whenIdle(5000)).toBe(true);
    expect(sender.edits.map((e) => e.key).sort()).toEqual(['decision:D-1', 'decision:D-2']);
    const old = sender.edits.find((e) => e.key === 'decision:D-1')!;
    expect(old.message.fields).toContainEqual({ label: 'Superseded by', value: 'D-2' });
  });

  it('an undelivered post takes the new message instead of queueing an edit', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    await h.run('bob', 'decision reject D-1');
    const queued = await h.ops.store.inspect((tx) => tx.scan('outbox'));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ op: 'post', key: 'decision:D-1' });
    expect(queued[0]!.message).toMatchObject({ tone: 'danger' });
    expect(queued[0]!.message.buttons).toBeUndefined();
  });
});

describe('buttons', () => {
  it('Accept accepts the decision named by the button', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    const r = await h.press('bob', 'decision.accept', 'D-1');
    expect(textOf(r)).toBe('bob accepted D-1: Use Prometheus');
    expect(await h.decision('D-1')).toMatchObject({ status: 'accepted', decisionMakers: ['bob'] });
  });

  it('Reject rejects it', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    await h.press('alice', 'decision.reject', 'D-1');
    expect(await h.decision('D-1')).toMatchObject({ status: 'rejected', history: [{ status: 'proposed' }, { status: 'rejected', by: 'alice' }] });
  });

  it('a second press after the decision changed says why and changes nothing', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    await h.press('bob', 'decision.accept', 'D-1');
    const r = await h.press('alice', 'decision.reject', 'D-1');
    expect(r.failed).toBe(true);
    expect(textOf(r)).toBe('D-1 is accepted; only proposed decisions can be rejected.');
    expect((await h.decision('D-1'))?.status).toBe('accepted');
  });

  it('needs the decide permission', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    const r = await h.press('carol', 'decision.accept', 'D-1');
    expect(textOf(r)).toMatch(/^You need the decide permission to use the decision.accept button/);
    expect((await h.decision('D-1'))?.status).toBe('proposed');
  });

  it('refuses a value that is not a decision id', async () => {
    const h = await harness();
    const r = await h.press('bob', 'decision.accept', 'DEP-1');
    expect(textOf(r)).toBe('That button does not name a decision; use decision accept <id> instead.');
  });
});
