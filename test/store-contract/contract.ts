import { expect, it } from 'vitest';
import type { JobRecord } from '../../data/records/core.js';
import { GENESIS_HASH, plainEvent, type ChainedAuditEvent } from '../../data/audit-chain.js';
import { verifyLines } from '../../data/audit-verify.js';
import type { AuditEvent, Store } from '../../data/store.js';

export interface StoreUnderTest {
  store: Store;
  /** Opens the same data again (after `store.close()`), as a restart would. */
  reopen(): Promise<Store>;
}

/** How a contract run gets a fresh, empty store of the implementation it checks. */
export type FreshStore = () => Promise<StoreUnderTest>;

export const job = (id: string, dueAt = '2026-01-01T00:00:00.000Z', payload: Record<string, unknown> = {}): JobRecord => ({
  id,
  type: 't',
  dueAt,
  payload,
  createdAt: dueAt,
});

export const event = (summary: string, target = 'DEP-1', person = 'alice', time = '2026-01-01T00:00:00.000Z'): AuditEvent => ({
  time,
  actor: { platform: 'shell', userId: `U-${person}`, person },
  platform: 'shell',
  action: 'test',
  target,
  outcome: 'ok',
  summary,
});

const ids = (records: { id: string }[]) => records.map((r) => r.id);

/**
 * The Store interface's behaviour, the same cases for every implementation. Each case gets its
 * own empty store and closes it.
 */
export function storeContract(fresh: FreshStore): void {
  const withStore = (name: string, body: (s: StoreUnderTest) => Promise<void>) =>
    it(name, async () => {
      const s = await fresh();
      try {
        await body(s);
      } finally {
        await s.store.close().catch(() => undefined);
      }
    });

  withStore('keeps what a transaction wrote, counters included, across a reopen', async ({ store, reopen }) => {
    await store.transact(async (tx) => {
      await tx.put('job', job('a', '2026-01-01T00:00:00.000Z', { nested: { list: [1, 'two', null] } }));
      expect(await tx.nextNumber('deployment')).toBe(1);
      expect(await tx.nextNumber('deployment')).toBe(2);
    });
    await store.close();
    const again = await reopen();
    try {
      expect(await again.read((tx) => tx.get('job', 'a'))).toEqual(job('a', '2026-01-01T00:00:00.000Z', { nested: { list: [1, 'two', null] } }));
      expect(await again.transact((tx) => tx.nextNumber('deployment'))).toBe(3);
      expect(await again.transact((tx) => tx.nextNumber('incident'))).toBe(1);
    } finally {
      await again.close();
    }
  });

  withStore('changes nothing, runs no after-commit hook and audits nothing when the function throws', async ({ store }) => {
    let hookRan = false;
    await expect(
      store.transact(async (tx) => {
        await tx.put('job', job('a'));
        await tx.nextNumber('deployment');
        tx.audit(event('never'));
        tx.afterCommit(() => (hookRan = true));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(hookRan).toBe(false);
    expect(await store.read((tx) => tx.get('job', 'a'))).toBeUndefined();
    expect(await store.transact((tx) => tx.nextNumber('deployment'))).toBe(1);
    expect(await store.queryAudit({})).toEqual([]);
  });

  withStore('runs after-commit hooks once the change is visible, and returns the function’s value', async ({ store }) => {
    let seen: unknown = 'not run';
    const value = await store.transact(async (tx) => {
      await tx.put('job', job('a'));
      tx.afterCommit(() => {
        seen = 'ran';
      });
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toBe('ran');
    expect(await store.read((tx) => tx.get('job', 'a'))).toEqual(job('a'));
  });

  withStore('lets a transaction read its own writes and removals', async ({ store }) => {
    await store.transact((tx) => tx.put('job', job('a')));
    await store.transact(async (tx) => {
      await tx.remove('job', 'a');
      await tx.put('job', job('b'));
      expect(await tx.get('job', 'a')).toBeUndefined();
      expect(ids(await tx.query('job.schedule', {}))).toEqual(['b']);
      await tx.put('job', job('b', '2026-05-05T00:00:00.000Z'));
      expect((await tx.get('job', 'b'))?.dueAt).toBe('2026-05-05T00:00:00.000Z');
    });
    expect(ids(await store.inspect((tx) => tx.scan('job')))).toEqual(['b']);
  });

  withStore('hands out every counter number once under concurrent transactions', async ({ store }) => {
    const numbers = await Promise.all(Array.from({ length: 50 }, () => store.transact((tx) => tx.nextNumber('deployment'))));
    expect(new Set(numbers).size).toBe(50);
    expect(Math.max(...numbers)).toBe(50);
  });

  withStore('loses no update when concurrent transactions read, change and write the same record', async ({ store }) => {
    await store.transact((tx) => tx.put('job', job('counter', '2026-01-01T00:00:00.000Z', { n: 0 })));
    await Promise.all(
      Array.from({ length: 30 }, () =>
        store.transact(async (tx) => {
          const current = (await tx.get('job', 'counter'))!;
          await tx.put('job', { ...current, payload: { n: (current.payload.n as number) + 1 } });
        }),
      ),
    );
    expect((await store.read((tx) => tx.get('job', 'counter')))?.payload.n).toBe(30);
  });

  withStore('never lets two concurrent transactions both take what only one may (check, then insert)', async ({ store }) => {
    const winners = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transact(async (tx) => {
          if (await tx.get('job', 'only-one')) return false;
          await tx.put('job', job('only-one', '2026-01-01T00:00:00.000Z', { by: i }));
          return true;
        }),
      ),
    );
    expect(winners.filter(Boolean)).toHaveLength(1);
  });

  withStore('filters a list with its predicate and by open, closed or all', async ({ store, reopen }) => {
    await store.transact(async (tx) => {
      await tx.put('job', job('open-1', '2026-01-01T00:00:00.000Z'));
      await tx.put('job', job('open-2', '2026-02-01T00:00:00.000Z'));
      await tx.put('job', job('done', '2026-03-01T00:00:00.000Z'), { closed: true });
      await tx.put('outbox', { id: 'o', seq: 1, op: 'post', channel: 'shell:ops', key: 'k', message: {}, dedupeKey: 'd', attempts: 0, notBefore: 'x', createdAt: 'x' });
    });
    const check = async (s: Store) => {
      expect(ids(await s.inspect((tx) => tx.scan('job'))).sort()).toEqual(['open-1', 'open-2']);
      expect(ids(await s.inspect((tx) => tx.scan('job', { state: 'closed' })))).toEqual(['done']);
      expect(ids(await s.inspect((tx) => tx.scan('job', { state: 'all' }))).sort()).toEqual(['done', 'open-1', 'open-2']);
      expect(ids(await s.inspect((tx) => tx.scan('job', { state: 'all', where: (j) => j.dueAt >= '2026-02-01' }))).sort()).toEqual(['done', 'open-2']);
      expect(await s.read((tx) => tx.get('job', 'done'))).toEqual(job('done', '2026-03-01T00:00:00.000Z'));
    };
    await check(store);
    await store.close();
    const again = await reopen();
    await check(again);
    await again.close();
  });

  withStore('lists each group in the order its records were last written', async ({ store }) => {
    await store.transact(async (tx) => {
      for (const id of ['a', 'b', 'c']) await tx.put('job', job(id));
    });
    await store.transact((tx) => tx.put('job', job('a', '2026-09-09T00:00:00.000Z')));
    expect(ids(await store.inspect((tx) => tx.scan('job')))).toEqual(['b', 'c', 'a']);
  });

  withStore('closes, reopens and removes records', async ({ store, reopen }) => {
    await store.transact((tx) => tx.put('job', job('x', '2026-01-01T00:00:00.000Z'), { closed: true }));
    await store.transact((tx) => tx.put('job', job('x', '2026-02-02T00:00:00.000Z')));
    expect(ids(await store.inspect((tx) => tx.scan('job', { state: 'closed' })))).toEqual([]);
    expect((await store.read((tx) => tx.get('job', 'x')))?.dueAt).toBe('2026-02-02T00:00:00.000Z');
    await store.transact((tx) => tx.put('job', job('y'), { closed: true }));
    await store.transact((tx) => tx.remove('job', 'y'));
    await store.close();
    const again = await reopen();
    expect((await again.read((tx) => tx.get('job', 'x')))?.dueAt).toBe('2026-02-02T00:00:00.000Z');
    expect(await again.read((tx) => tx.get('job', 'y'))).toBeUndefined();
    expect(ids(await again.inspect((tx) => tx.scan('job', { state: 'all' })))).toEqual(['x']);
    await again.close();
  });

  withStore('keeps kinds apart: the same id in two kinds is two records', async ({ store }) => {
    await store.transact(async (tx) => {
      await tx.put('job', job('same'));
      await tx.put('postRef', { id: 'same', key: 'k' });
    });
    await store.transact((tx) => tx.remove('job', 'same'));
    expect(await store.read((tx) => tx.get('postRef', 'same'))).toEqual({ id: 'same', key: 'k' });
  });

  withStore('appends audit events on commit and answers queries newest first', async ({ store, reopen }) => {
    await store.transact(async (tx) => {
      await tx.put('job', job('a'));
      tx.audit(event('first', 'DEP-1', 'alice'));
    });
    await store.appendAudit({ ...event('refused', 'DEP-2', 'bob'), outcome: 'refused' });
    await store.transact(async (tx) => {
      tx.audit(event('third', 'DEP-1', 'alice', '2026-01-03T00:00:00.000Z'));
    });
    expect((await store.queryAudit({})).map((e) => e.summary)).toEqual(['third', 'refused', 'first']);
    expect((await store.queryAudit({ target: 'DEP-1' })).map((e) => e.summary)).toEqual(['third', 'first']);
    expect((await store.queryAudit({ actor: 'bob' })).map((e) => e.summary)).toEqual(['refused']);
    expect((await store.queryAudit({ actor: 'U-alice' })).map((e) => e.summary)).toEqual(['third', 'first']);
    expect((await store.queryAudit({ since: '2026-01-02T00:00:00.000Z' })).map((e) => e.summary)).toEqual(['third']);
    expect((await store.queryAudit({ limit: 1 })).map((e) => e.summary)).toEqual(['third']);
    await store.close();
    const again = await reopen();
    const lines: string[] = [];
    expect(await again.exportAudit((l) => void lines.push(l))).toBe(3);
    expect(lines.map((l) => plainEvent(JSON.parse(l) as AuditEvent))).toEqual([
      event('first', 'DEP-1', 'alice'),
      { ...event('refused', 'DEP-2', 'bob'), outcome: 'refused' },
      event('third', 'DEP-1', 'alice', '2026-01-03T00:00:00.000Z'),
    ]);
    await again.close();
  });

  withStore('exports a long audit log in order, every line once', async ({ store }) => {
    await store.transact(async (tx) => {
      for (let i = 0; i < 2500; i++) tx.audit(event(`e${i}`));
    });
    const lines: string[] = [];
    expect(await store.exportAudit((l) => void lines.push(l))).toBe(2500);
    expect(lines.map((l) => (JSON.parse(l) as AuditEvent).summary)).toEqual(Array.from({ length: 2500 }, (_, i) => `e${i}`));
  });

  withStore('links every audit entry to the one before, across transactions, refusals and a reopen', async ({ store, reopen }) => {
    await store.transact(async (tx) => {
      tx.audit(event('one'));
      tx.audit(event('two'));
    });
    await store.appendAudit({ ...event('refused'), outcome: 'refused' });
    await store.transact(async () => undefined);
    await store.close();
    const again = await reopen();
    try {
      await again.transact(async (tx) => tx.audit(event('after restart')));
      const lines: string[] = [];
      await again.exportAudit((l) => void lines.push(l));
      const entries = lines.map((l) => JSON.parse(l) as ChainedAuditEvent);
      expect(entries.map((e) => [e.n, e.summary])).toEqual([[1, 'one'], [2, 'two'], [3, 'refused'], [4, 'after restart']]);
      expect(entries[0]!.prev).toBe(GENESIS_HASH);
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev).toBe(entries[i - 1]!.hash);
      const report = await verifyLines(async (visit) => lines.forEach(visit));
      expect(report).toMatchObject({ entries: 4, unchained: 0, head: { n: 4, hash: entries[3]!.hash } });
      expect(report.broken).toBeUndefined();
      if (again.auditHead) expect(await again.auditHead()).toEqual({ n: 4, hash: entries[3]!.hash });
      // Queries answer the events themselves, without the chain's fields.
      expect((await again.queryAudit({ limit: 1 }))[0]).toEqual(event('after restart'));
    } finally {
      await again.close();
    }
  });

  withStore('refuses work once closed', async ({ store }) => {
    await store.close();
    await expect(store.transact((tx) => tx.put('job', job('a')))).rejects.toThrow('closed');
  });
}
