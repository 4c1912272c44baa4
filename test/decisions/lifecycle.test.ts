import { describe, expect, it } from 'vitest';
import { harness, textOf, type Harness } from './harness.js';

describe('decision accept', () => {
  it('accepts a proposed decision, adds the accepter to the decision makers and keeps the reason', async () => {
    const h = await harness();
    const id = await h.decide('Use Prometheus --category monitoring');
    h.ops.clock.advance(60_000);
    const r = await h.run('bob', `decision accept ${id} --reason agreed in the design review`);
    expect(r.visibility).toBe('public');
    expect(textOf(r)).toBe('bob accepted D-1: Use Prometheus');
    const d = await h.decision(id);
    expect(d).toMatchObject({ status: 'accepted', decisionMakers: ['bob'], statusReason: 'agreed in the design review', updatedAt: '2026-01-05T09:01:00.000Z' });
    expect(d?.history.at(-1)).toEqual({ status: 'accepted', by: 'bob', at: '2026-01-05T09:01:00.000Z', reason: 'agreed in the design review' });
    const audit = await h.ops.store.queryAudit({ target: id });
    expect(audit.map((e) => e.action).sort()).toEqual(['decision.accept', 'decision.create']);
  });

  it('takes a bare number as the id', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    await h.run('alice', 'decision accept 1');
    expect((await h.decision('D-1'))?.status).toBe('accepted');
  });
});

describe('decision reject', () => {
  it('rejects a proposed decision with a reason', async () => {
    const h = await harness();
    const id = await h.decide('Buy our own servers --category hardware');
    const r = await h.run('bob', `decision reject ${id} --reason too expensive`);
    expect(textOf(r)).toBe('bob rejected D-1: Buy our own servers');
    expect(await h.decision(id)).toMatchObject({ status: 'rejected', statusReason: 'too expensive', decisionMakers: [] });
  });
});

describe('decision supersede', () => {
  it('links both ways and marks the old one superseded', async () => {
    const h = await harness();
    const old = await h.decide('Self-hosted PostgreSQL --category database');
    const next = await h.decide('Managed PostgreSQL --category database');
    await h.accept(old);
    await h.accept(next);
    const r = await h.run('alice', `decision supersede ${old} ${next} --reason less to run`);
    expect(r.failed).toBeUndefined();
    expect(textOf(r)).toBe('D-2 supersedes D-1 (alice): Self-hosted PostgreSQL → Managed PostgreSQL');
    expect(await h.decision(old)).toMatchObject({ status: 'superseded', supersededBy: 'D-2', statusReason: 'less to run' });
    expect(await h.decision(next)).toMatchObject({ status: 'accepted', supersedes: 'D-1' });
    const audit = await h.ops.store.queryAudit({ target: old });
    expect(audit.some((e) => e.action === 'decision.supersede' && e.summary === 'D-2 supersedes D-1: less to run')).toBe(true);
  });
});

/** Sets up D-1 in `status` (and D-2 accepted, for supersede cases). */
async function withStatus(h: Harness, status: 'proposed' | 'accepted' | 'rejected' | 'superseded'): Promise<void> {
  await h.decide('first');
  await h.decide('second');
  await h.accept('D-2');
  if (status === 'accepted' || status === 'superseded') await h.accept('D-1');
  if (status === 'rejected') await h.run('bob', 'decision reject D-1');
  if (status === 'superseded') {
    await h.decide('third');
    await h.accept('D-3');
    await h.run('bob', 'decision supersede D-1 D-3');
  }
}

describe('illegal transitions change nothing and say why in one sentence', () => {
  const cases: [string, 'proposed' | 'accepted' | 'rejected' | 'superseded', string, string | RegExp][] = [
    ['accept an accepted one', 'accepted', 'decision accept D-1', 'D-1 is already accepted; only proposed decisions can be accepted.'],
    ['accept a rejected one', 'rejected', 'decision accept D-1', 'D-1 is rejected; only proposed decisions can be accepted.'],
    ['accept a superseded one', 'superseded', 'decision accept D-1', 'D-1 is superseded; only proposed decisions can be accepted.'],
    ['reject an accepted one', 'accepted', 'decision reject D-1', 'D-1 is accepted; only proposed decisions can be rejected.'],
    ['reject a rejected one', 'rejected', 'decision reject D-1', 'D-1 is already rejected; only proposed decisions can be rejected.'],
    ['reject a superseded one', 'superseded', 'decision reject D-1', 'D-1 is superseded; only proposed decisions can be rejected.'],
    ['supersede a proposed one', 'proposed', 'decision supersede D-1 D-2', 'D-1 is proposed; only an accepted decision (or one that needs review) can be superseded.'],
    ['supersede a rejected one', 'rejected', 'decision supersede D-1 D-2', 'D-1 is rejected; only an accepted decision (or one that needs review) can be superseded.'],
    ['supersede with a proposed one', 'proposed', 'decision supersede D-2 D-1', 'D-1 is proposed; accept it before it supersedes D-2.'],
    ['supersede with a rejected one', 'rejected', 'decision supersede D-2 D-1', 'D-1 is rejected; accept it before it supersedes D-2.'],
    ['supersede a superseded one', 'superseded', 'decision supersede D-1 D-2', 'D-1 is superseded; only an accepted decision (or one that needs review) can be superseded.'],
    ['supersede itself', 'accepted', 'decision supersede D-1 D-1', 'D-1 cannot supersede itself; name two different decisions.'],
    ['supersede with one that already supersedes another', 'superseded', 'decision supersede D-2 D-3', 'D-3 already supersedes D-1.'],
    ['accept an unknown id', 'proposed', 'decision accept D-99', 'There is no decision D-99; type decisions to list them.'],
    ['supersede with an unknown id', 'accepted', 'decision supersede D-1 D-99', 'There is no decision D-99; type decisions to list them.'],
    ['an id of another kind', 'proposed', 'decision accept DEP-1', /^id: .*DEP-1 is a deployment id/],
  ];
  for (const [name, status, line, message] of cases) {
    it(name, async () => {
      const h = await harness();
      await withStatus(h, status);
      const before = await h.decisions();
      const outboxBefore = await h.ops.store.inspect((tx) => tx.scan('outbox'));
      const r = await h.run('bob', line);
      expect(r.failed).toBe(true);
      expect(textOf(r).split('\n')[0]).toMatch(typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message);
      expect(await h.decisions()).toEqual(before);
      expect(await h.ops.store.inspect((tx) => tx.scan('outbox'))).toEqual(outboxBefore);
    });
  }
});

describe('permissions', () => {
  it('a viewer may look but not accept', async () => {
    const h = await harness();
    await h.decide('Use Prometheus');
    expect((await h.run('carol', 'decision show D-1')).failed).toBeUndefined();
    const r = await h.run('carol', 'decision accept D-1');
    expect(textOf(r)).toMatch(/^You need the decide permission/);
    expect((await h.decision('D-1'))?.status).toBe('proposed');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
