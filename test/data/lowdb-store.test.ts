import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { AuditEvent } from '../../data/store.js';
import { migrate } from '../../data/migrations.js';
import { plainEvent } from '../../data/audit-chain.js';
import { verifyLines } from '../../data/audit-verify.js';
import { tempDir } from '../support/temp-dir.js';

const job = (id: string, dueAt = '2026-01-01T00:00:00.000Z') => ({ id, type: 't', dueAt, payload: {}, createdAt: dueAt });
const event = (summary: string, target = 'DEP-1'): AuditEvent => ({
  time: '2026-01-01T00:00:00.000Z',
  actor: { platform: 'shell', userId: 'alice', person: 'alice' },
  platform: 'shell',
  action: 'test',
  target,
  outcome: 'ok',
  summary,
});

describe('lowdb store', () => {
  it('keeps what a transaction wrote across a restart', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact(async (tx) => {
      await tx.put('job', job('a'));
      expect(await tx.nextNumber('deployment')).toBe(1);
      expect(await tx.nextNumber('deployment')).toBe(2);
    });
    await store.close();
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'a'))).toEqual(job('a'));
    expect(await again.transact((tx) => tx.nextNumber('deployment'))).toBe(3);
  });

  it('changes nothing when the transaction function throws', async () => {
    const store = await openLowdbStore({ dir: tempDir() });
    await expect(
      store.transact(async (tx) => {
        await tx.put('job', job('a'));
        await tx.nextNumber('deployment');
        tx.audit(event('never'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.read((tx) => tx.get('job', 'a'))).toBeUndefined();
    expect(await store.transact((tx) => tx.nextNumber('deployment'))).toBe(1);
    expect(await store.queryAudit({})).toEqual([]);
  });

  it('lets a transaction read its own staged writes and removals', async () => {
    const store = await openLowdbStore({ dir: tempDir() });
    await store.transact((tx) => tx.put('job', job('a')));
    await store.transact(async (tx) => {
      await tx.remove('job', 'a');
      await tx.put('job', job('b'));
      expect(await tx.get('job', 'a')).toBeUndefined();
      expect((await tx.query('job.schedule', {})).map((j) => j.id)).toEqual(['b']);
    });
  });

  it('serialises concurrent transactions', async () => {
    const store = await openLowdbStore({ dir: tempDir() });
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () => store.transact(async (tx) => tx.nextNumber('deployment'))),
    );
    expect(new Set(numbers).size).toBe(50);
    expect(Math.max(...numbers)).toBe(50);
  });

  it('moves closed records out of the snapshot but keeps them readable after a restart', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('open')));
    await store.transact((tx) => tx.put('job', job('done'), { closed: true }));
    await store.close();
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(Object.keys(state.records.job)).toEqual(['open']);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'done'))).toEqual(job('done'));
    expect((await again.inspect((tx) => tx.scan('job', { state: 'closed' }))).map((j) => j.id)).toEqual(['done']);
    expect((await again.inspect((tx) => tx.scan('job', { state: 'all' }))).map((j) => j.id).sort()).toEqual(['done', 'open']);
  });

  it('commits by appending to the journal and replays it after a crash (no close)', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact(async (tx) => {
      await tx.put('job', job('a'));
      await tx.nextNumber('deployment');
    });
    await store.transact((tx) => tx.put('job', job('b'), { closed: true }));
    await store.transact((tx) => tx.remove('job', 'a'));
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'a'))).toBeUndefined();
    expect(await again.read((tx) => tx.get('job', 'b'))).toEqual(job('b'));
    expect(await again.transact((tx) => tx.nextNumber('deployment'))).toBe(2);
  });

  it('compacts the journal into state.json once it passes its size limit', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir, compactAtBytes: 2000 });
    for (let i = 0; i < 30; i++) await store.transact((tx) => tx.put('job', job(`j${i}`)));
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').length).toBeLessThan(2000);
    const snapshot = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(Object.keys(snapshot.records.job).length).toBeGreaterThan(10);
    const again = await openLowdbStore({ dir });
    expect((await again.inspect((tx) => tx.scan('job'))).length).toBe(30);
  });

  it('skips journal lines already in the snapshot (a crash between compaction and truncation)', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('a')));
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    await store.close();
    writeFileSync(join(dir, 'journal.jsonl'), journal);
    const again = await openLowdbStore({ dir });
    expect((await again.inspect((tx) => tx.scan('job'))).map((j) => j.id)).toEqual(['a']);
    expect(await again.transact((tx) => tx.nextNumber('x'))).toBe(1);
  });

  it('cuts a torn last journal line, and refuses a damaged one in the middle', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('a')));
    appendFileSync(join(dir, 'journal.jsonl'), '{"seq":2,"counters":{},"chan');
    const again = await openLowdbStore({ dir });
    expect((await again.inspect((tx) => tx.scan('job'))).map((j) => j.id)).toEqual(['a']);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').endsWith('}\n')).toBe(true);
    appendFileSync(join(dir, 'journal.jsonl'), 'garbage\n{"seq":3,"counters":{},"changes":[],"audit":[]}\n');
    await expect(openLowdbStore({ dir })).rejects.toThrow(/journal\.jsonl cannot be replayed: line 2 is damaged/);
  });

  it('does not bring back a removed archived record after a restart', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('x'), { closed: true }));
    await store.transact((tx) => tx.remove('job', 'x'));
    await store.close();
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'x'))).toBeUndefined();
  });

  it('prefers a reopened record over its archived copy', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('x', '2026-01-01T00:00:00.000Z'), { closed: true }));
    await store.transact((tx) => tx.put('job', job('x', '2026-02-02T00:00:00.000Z')));
    await store.close();
    const again = await openLowdbStore({ dir });
    expect((await again.read((tx) => tx.get('job', 'x')))?.dueAt).toBe('2026-02-02T00:00:00.000Z');
  });

  it('appends audit events on commit and answers queries newest first', async () => {
    const store = await openLowdbStore({ dir: tempDir() });
    await store.transact(async (tx) => {
      await tx.put('job', job('a'));
      tx.audit(event('first', 'DEP-1'));
    });
    await store.appendAudit({ ...event('refused', 'DEP-2'), outcome: 'refused' });
    await store.transact(async (tx) => {
      tx.audit({ ...event('third', 'DEP-1'), time: '2026-01-03T00:00:00.000Z' });
    });
    expect((await store.queryAudit({})).map((e) => e.summary)).toEqual(['third', 'refused', 'first']);
    expect((await store.queryAudit({ target: 'DEP-1' })).map((e) => e.summary)).toEqual(['third', 'first']);
    expect((await store.queryAudit({ since: '2026-01-02T00:00:00.000Z' })).map((e) => e.summary)).toEqual(['third']);
    expect((await store.queryAudit({ limit: 1 })).map((e) => e.summary)).toEqual(['third']);
    const lines: string[] = [];
    expect(await store.exportAudit((l) => void lines.push(l))).toBe(3);
    expect(plainEvent(JSON.parse(lines[0]!) as AuditEvent)).toEqual(event('first', 'DEP-1'));
  });

  it('refuses invalid JSON and leaves the file untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), '{"schemaVersion": 1, ');
    await expect(openLowdbStore({ dir })).rejects.toThrow(/state\.json is not valid JSON.*not changed it/);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('{"schemaVersion": 1, ');
  });

  it('refuses a file from a newer dayops and leaves it untouched', async () => {
    const dir = tempDir();
    const content = JSON.stringify({ schemaVersion: 99, seq: 0, counters: {}, records: {} });
    writeFileSync(join(dir, 'state.json'), content);
    await expect(openLowdbStore({ dir })).rejects.toThrow(/newer dayops \(schema version 99/);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(content);
  });

  it('refuses a record that fails its schema, naming the kind and id', async () => {
    const dir = tempDir();
    const content = JSON.stringify({ schemaVersion: 1, seq: 1, counters: {}, records: { job: { a: { id: 'a', type: 3 } } } });
    writeFileSync(join(dir, 'state.json'), content);
    await expect(openLowdbStore({ dir })).rejects.toThrow(/invalid job a: /);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(content);
  });

  it('repairs a torn last line in the archive', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('kept'), { closed: true }));
    await store.close();
    appendFileSync(join(dir, 'archive.jsonl'), '{"seq": 2, "kind": "jo');
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'kept'))).toEqual(job('kept'));
    expect(readFileSync(join(dir, 'archive.jsonl'), 'utf8').endsWith('}\n')).toBe(true);
  });

  it('redoes the archive and audit appends of a transaction cut short after its commit', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact(async (tx) => {
      await tx.put('job', job('closed'), { closed: true });
      tx.audit(event('happened'));
    });
    // As if the process died right after the journal append: the logs lack the transaction.
    writeFileSync(join(dir, 'archive.jsonl'), '');
    writeFileSync(join(dir, 'audit.jsonl'), '');
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'closed'))).toEqual(job('closed'));
    expect((await again.queryAudit({})).map((e) => e.summary)).toEqual(['happened']);
    await again.close();
    const third = await openLowdbStore({ dir });
    expect((await third.queryAudit({})).length).toBe(1);
    expect(await third.read((tx) => tx.get('job', 'closed'))).toEqual(job('closed'));
  });

  it('keeps the hash chain whole when the audit append of the last transaction is redone', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact(async (tx) => tx.audit(event('first')));
    await store.appendAudit({ ...event('refused'), outcome: 'refused' });
    await store.transact(async (tx) => tx.audit(event('cut short')));
    // The process died after the journal append: the last transaction's entry never reached audit.jsonl.
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
    writeFileSync(join(dir, 'audit.jsonl'), `${lines.slice(0, 2).join('\n')}\n`);
    const again = await openLowdbStore({ dir });
    await again.appendAudit(event('after restart'));
    const exported: string[] = [];
    await again.exportAudit((l) => void exported.push(l));
    const report = await verifyLines(async (visit) => exported.forEach(visit));
    expect(report.broken).toBeUndefined();
    expect(report.entries).toBe(4);
    expect(exported.map((l) => (JSON.parse(l) as AuditEvent).summary)).toEqual(['first', 'refused', 'cut short', 'after restart']);
  });

  it('starts the chain after entries written before it existed, and leaves those as they are', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'audit.jsonl'), `${JSON.stringify({ seq: 0, ...event('from an older dayops') })}\n`);
    const store = await openLowdbStore({ dir });
    await store.appendAudit(event('chained'));
    const exported: string[] = [];
    await store.exportAudit((l) => void exported.push(l));
    expect(JSON.parse(exported[0]!)).toEqual(event('from an older dayops'));
    const report = await verifyLines(async (visit) => exported.forEach(visit));
    expect(report).toMatchObject({ entries: 1, unchained: 1, head: { n: 1 } });
    expect(report.broken).toBeUndefined();
  });

  it('reads archive lines written in another key order, and refuses a damaged one', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('seed')));
    await store.close();
    appendFileSync(join(dir, 'archive.jsonl'), JSON.stringify({ record: job('hand'), id: 'hand', kind: 'job', seq: 1 }) + '\n');
    const again = await openLowdbStore({ dir });
    expect(await again.read((tx) => tx.get('job', 'hand'))).toEqual(job('hand'));
    await again.close();
    appendFileSync(join(dir, 'archive.jsonl'), '{"seq":1,"kind":"job","id":"x","record":{"id":"x","type":7}}\n');
    const third = await openLowdbStore({ dir });
    await expect(third.read((tx) => tx.get('job', 'x'))).rejects.toThrow(/archive\.jsonl holds an invalid job x/);
    appendFileSync(join(dir, 'archive.jsonl'), 'not json\n{"seq":1,"kind":"job","id":"y"}\n');
    await expect(openLowdbStore({ dir })).rejects.toThrow(/damaged line 3/);
  });

  it('opens read-only beside a writer: sees committed data, repairs nothing, refuses changes', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    await store.transact(async (tx) => {
      await tx.put('job', job('open'));
      await tx.put('job', job('closed'), { closed: true });
      tx.audit(event('seen'));
    });
    appendFileSync(join(dir, 'archive.jsonl'), '{"seq": 9, "kind": "jo');
    const before = readFileSync(join(dir, 'archive.jsonl'), 'utf8');
    const reader = await openLowdbStore({ dir, readOnly: true });
    expect(await reader.read((tx) => tx.get('job', 'closed'))).toEqual(job('closed'));
    expect((await reader.queryAudit({})).map((e) => e.summary)).toEqual(['seen']);
    await expect(reader.transact((tx) => tx.put('job', job('x')))).rejects.toThrow('read-only');
    expect(readFileSync(join(dir, 'archive.jsonl'), 'utf8')).toBe(before);
    await reader.close();
  });

  it('starts empty in a new directory without writing until the first change', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dir });
    expect(existsSync(join(dir, 'journal.jsonl'))).toBe(false);
    await store.transact((tx) => tx.put('job', job('a')));
    expect(existsSync(join(dir, 'journal.jsonl'))).toBe(true);
    await store.close();
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
  });
});

describe('migrations', () => {
  const steps = {
    1: (s: Record<string, unknown>) => ({ ...s, counters: { legacy: 1 } }),
    2: (s: Record<string, unknown>) => ({ ...s, note: 'v3' }),
  };

  it('runs each step from the file version up to the target', () => {
    const out = migrate({ schemaVersion: 1, seq: 0 }, 3, steps);
    expect(out).toEqual({ from: 1, state: { schemaVersion: 3, seq: 0, counters: { legacy: 1 }, note: 'v3' } });
  });

  it('refuses a version without a migration path or with no version', () => {
    expect(() => migrate({ schemaVersion: 1 }, 4, steps)).toThrow('no migration from schema version 3 to 4');
    expect(() => migrate({}, 1, steps)).toThrow('no valid schemaVersion');
  });
});
