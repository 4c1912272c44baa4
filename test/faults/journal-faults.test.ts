import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Logger } from '../../bot/log.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import { StoreUnavailableError } from '../../data/store-errors.js';
import type { Store } from '../../data/store.js';
import { mountSmallFs, type SmallFs } from '../support/small-fs.js';
import { tempDir } from '../support/temp-dir.js';

const at = '2026-01-01T00:00:00.000Z';
/** A job whose payload makes each journal line larger than a page, so a nearly full disk refuses it. */
const bigJob = (id: string) => ({ id, type: 't', dueAt: at, payload: { pad: 'p'.repeat(6000) }, createdAt: at });
const job = (id: string) => ({ id, type: 't', dueAt: at, payload: {}, createdAt: at });

function smallFs(kib: number): SmallFs | undefined {
  const fs = mountSmallFs(kib);
  if (typeof fs === 'string') return undefined;
  onTestFinished(() => fs.unmount());
  return fs;
}

const canMount = typeof ((): unknown => {
  const probe = mountSmallFs(64);
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return undefined;
})() === 'undefined';

function recordingLog(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log = {
    warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? String(_o)),
    info: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    child: () => log,
  } as unknown as Logger;
  return { log, warnings };
}

async function ids(store: Store): Promise<string[]> {
  return (await store.inspect((tx) => tx.scan('job', { state: 'all' }))).map((j) => j.id).sort();
}

describe.skipIf(!canMount)('the journal on a full disk (a real tmpfs of a few hundred KiB)', () => {
  it('refuses the write with a clear error, acknowledges nothing, and every acknowledged change loads after space is freed', async () => {
    const fs = smallFs(384)!;
    const dir = join(fs.dir, 'data');
    const store = await openLowdbStore({ dir });
    const acknowledged: string[] = [];
    fs.fill();
    let refused: unknown;
    for (let i = 0; i < 200 && !refused; i++) {
      await store.transact((tx) => tx.put('job', bigJob(`j${i}`))).then(
        () => acknowledged.push(`j${i}`),
        (err: unknown) => (refused = err),
      );
    }
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as Error).message).toBe('dayops cannot save changes: the disk is full (ENOSPC) where it keeps its data; nothing was changed.');
    // The failed append left no partial line behind: the file ends where the last commit ended.
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    expect(journal === '' || journal.endsWith('}\n')).toBe(true);
    for (const line of journal.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    // Still full: more writes are refused, and nothing refused is visible.
    await expect(store.transact((tx) => tx.put('job', bigJob('during')))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await ids(store)).toEqual([...acknowledged].sort());
    await expect(store.ping!()).rejects.toThrow(/is full/);

    fs.free();
    await store.ping!();
    await store.transact((tx) => tx.put('job', job('after')));
    acknowledged.push('after');
    // Reopen without closing, as after a crash: the journal replays to exactly what was acknowledged.
    const again = await openLowdbStore({ dir });
    expect(await ids(again)).toEqual([...acknowledged].sort());
  });

  it('keeps the audit events of a commit whose audit append failed, and writes them once there is room', async () => {
    const fs = smallFs(384)!;
    const dir = join(fs.dir, 'data');
    const store = await openLowdbStore({ dir });
    const event = (summary: string) => ({ time: at, actor: { platform: 'shell', userId: 'alice' }, platform: 'shell', action: 'test', outcome: 'ok' as const, summary });
    // tmpfs allocates whole pages: leave audit.jsonl 40 bytes short of a page and journal.jsonl
    // with most of a page free, so on a full disk the journal line fits and the audit line does not.
    const auditSize = () => readFileSync(join(dir, 'audit.jsonl')).length;
    await store.transact(async (tx) => tx.audit(event('x')));
    const one = auditSize();
    await store.transact(async (tx) => tx.audit(event('x')));
    // The next line is as long as the second, plus its longer summary.
    const line = auditSize() - one;
    const padLength = (((4096 - 40 - auditSize() - line) % 4096) + 4096) % 4096 + 1;
    await store.transact(async (tx) => tx.audit(event('x'.repeat(padLength))));
    const journalSize = () => readFileSync(join(dir, 'journal.jsonl')).length;
    const padFor = 4096 - ((journalSize() + Buffer.byteLength(JSON.stringify({ seq: 4, counters: {}, changes: [{ kind: 'job', id: 'pad', record: bigJob('pad'), closed: false }], audit: [] }) + '\n')) % 4096) + 10;
    await store.transact((tx) => tx.put('job', { ...bigJob('pad'), payload: { pad: 'p'.repeat(6000 + padFor) } }));
    expect(journalSize() % 4096).toBe(10);
    expect(auditSize() % 4096).toBe(4096 - 40);
    fs.fill();
    const summary = 's'.repeat(1000);
    await store.transact(async (tx) => {
      await tx.put('job', job('small'));
      tx.audit(event(summary));
    });
    expect(await ids(store)).toEqual(['pad', 'small']);
    expect((await store.queryAudit({})).map((e) => e.summary.length)).toEqual([padLength, 1, 1]);
    fs.free();
    await store.transact((tx) => tx.put('job', job('later')));
    expect((await store.queryAudit({})).map((e) => e.summary.length)).toEqual([1000, padLength, 1, 1]);
  });

  it('refuses writes on a read-only file system and says so to readiness', async () => {
    const fs = smallFs(256)!;
    const dir = join(fs.dir, 'data');
    const store = await openLowdbStore({ dir });
    await store.transact((tx) => tx.put('job', job('a')));
    fs.readOnly(true);
    onTestFinished(() => fs.readOnly(false));
    await expect(store.transact((tx) => tx.put('job', job('b')))).rejects.toThrow('dayops cannot save changes: the file system is read-only (EROFS) where it keeps its data; nothing was changed.');
    await expect(store.ping!()).rejects.toThrow(/cannot be written: the file system is read-only \(EROFS\)/);
    expect(await ids(store)).toEqual(['a']);
  });
});

describe('a torn or damaged journal', () => {
  async function twentyCommits(dir: string): Promise<void> {
    const store = await openLowdbStore({ dir });
    for (let i = 1; i <= 20; i++) await store.transact((tx) => tx.put('job', job(`DEP-${i}`)));
    // No close: the process "died", so the journal holds all twenty.
  }

  it('cuts a journal truncated in the middle of a line, logs it, and keeps the torn bytes', async () => {
    const dir = tempDir();
    await twentyCommits(dir);
    const path = join(dir, 'journal.jsonl');
    const whole = readFileSync(path);
    const lines = whole.toString('utf8').split('\n');
    const cutAt = Buffer.byteLength(lines.slice(0, 9).join('\n') + '\n') + 25;
    truncateSync(path, cutAt);
    const { log, warnings } = recordingLog();
    const store = await openLowdbStore({ dir, log });
    expect(await ids(store)).toEqual(Array.from({ length: 9 }, (_, i) => `DEP-${i + 1}`).sort());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cut a torn last line of the journal \(25 bytes at offset \d+, never committed\); its bytes are kept in .*journal\.jsonl\.torn-/);
    const copy = readdirSync(dir).find((f) => f.startsWith('journal.jsonl.torn-'))!;
    expect(readFileSync(join(dir, copy))).toEqual(whole.subarray(cutAt - 25, cutAt));
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('stops at damage before the last line, naming the file and line, and changes no file', async () => {
    const dir = tempDir();
    await twentyCommits(dir);
    const path = join(dir, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[6] = lines[6]!.slice(0, 30) + '#' + lines[6]!.slice(31);
    writeFileSync(path, lines.join('\n'));
    appendFileSync(path, '{"seq":21,"counters":{},"chan');
    const before = digest(dir);
    await expect(openLowdbStore({ dir })).rejects.toThrow(`The journal ${path} cannot be replayed: line 7 is damaged; dayops has not changed it`);
    expect(digest(dir)).toEqual(before);
  });
});

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}
