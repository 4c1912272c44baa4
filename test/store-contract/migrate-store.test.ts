import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ID_COUNTERS } from '../../bot/ids.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import { migrateStore } from '../../data/pg-migrate-store.js';
import { openPgStore } from '../../data/pg-store.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { event, job } from './contract.js';

const skip = skipWithoutPostgres();

describe.skipIf(skip)(`migrate-store${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('moves records, counters and the audit log, verified, and refuses a database that has data', async () => {
    const dir = tempDir();
    const source = await openLowdbStore({ dir });
    await source.transact(async (tx) => {
      for (let i = 0; i < 20; i++) await tx.put('job', job(`open-${i}`, '2026-01-01T00:00:00.000Z', { i, note: 'ü 😀' }));
      for (let i = 0; i < 30; i++) await tx.put('job', job(`done-${i}`), { closed: true });
      await tx.put('postRef', { id: 'slack:C1|1.2', key: 'deployment:DEP-1' }, { closed: true });
      for (let i = 0; i < 7; i++) await tx.nextNumber('deployment');
      for (let i = 0; i < 1200; i++) tx.audit(event(`e${i}`));
    });
    await source.close();
    const url = await server.createDatabase();
    const result = await migrateStore(dir, url);
    expect(result.ok).toBe(true);
    expect(result.lines).toContain('Verified: counts, ids, counters and checksums match.');
    expect(result.lines.some((l) => /^job \(closed\)\s+30\s+30$/.test(l))).toBe(true);
    expect(result.lines.some((l) => /^audit events\s+1200\s+1200$/.test(l))).toBe(true);
    const target = await openPgStore({ url });
    try {
      expect(await target.read((tx) => tx.get('job', 'open-3'))).toEqual(job('open-3', '2026-01-01T00:00:00.000Z', { i: 3, note: 'ü 😀' }));
      expect((await target.inspect((tx) => tx.scan('job', { state: 'closed' }))).length).toBe(30);
      expect(await target.transact((tx) => tx.nextNumber('deployment'))).toBe(8);
      expect((await target.queryAudit({ limit: 1 }))[0]?.summary).toBe('e1199');
    } finally {
      await target.close();
    }
    await expect(migrateStore(dir, url)).rejects.toThrow(/already holds dayops data/);
  });
});

describe.skipIf(skip)(`migrate-store after a crash${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses while a bot holds the data directory, and after a SIGKILL copies the replayed counters so no id is handed out twice', async () => {
    const dir = tempDir();
    const bot = await commitInChildThenWait(dir, 3);
    const url = await server.createDatabase();
    await expect(migrateStore(dir, url, { idCounters: ID_COUNTERS })).rejects.toThrow(`is in use by dayops process ${bot.pid}`);
    bot.kill('SIGKILL');
    await new Promise((ok) => bot.once('exit', ok));
    expect(existsSync(join(dir, 'state.json'))).toBe(false);

    const result = await migrateStore(dir, url, { idCounters: ID_COUNTERS });
    expect(result.lines.some((l) => /^counter job\s+3\s+3$/.test(l))).toBe(true);
    expect(result.lines).toContain('Verified: counts, ids, counters and checksums match.');
    expect(result.ok).toBe(true);
    const target = await openPgStore({ url });
    try {
      expect(await target.transact((tx) => tx.nextNumber('job'))).toBe(4);
      expect((await target.inspect((tx) => tx.scan('job'))).map((j) => j.id).sort()).toEqual(['job-1', 'job-2', 'job-3']);
    } finally {
      await target.close();
    }
  });

  it('is not verified when a counter is behind an id it numbers', async () => {
    const dir = tempDir();
    const source = await openLowdbStore({ dir });
    await source.transact(async (tx) => {
      await tx.put('job', job('job-5'));
      await tx.nextNumber('job');
    });
    await source.close();
    const result = await migrateStore(dir, await server.createDatabase(), { idCounters: ID_COUNTERS });
    expect(result.ok).toBe(false);
    expect(result.lines).toContain('MISMATCH counter job is 1 but job-5 exists, so it would be handed out again');
    expect(result.lines.at(-1)).toBe('NOT verified: the copy differs; keep using the data directory.');
  });
});

/** A bot-like child: takes the lock, opens the store, commits `n` numbered jobs, then waits to be killed. */
async function commitInChildThenWait(dir: string, n: number): Promise<ChildProcess> {
  const root = resolve(import.meta.dirname, '../..');
  const url = (f: string) => JSON.stringify(pathToFileURL(join(root, f)).href);
  const script = `
    const { acquireDataDirLock } = await import(${url('data/data-dir-lock.ts')});
    const { openLowdbStore } = await import(${url('data/lowdb-store.ts')});
    await acquireDataDirLock(${JSON.stringify(dir)});
    const store = await openLowdbStore({ dir: ${JSON.stringify(dir)} });
    for (let i = 0; i < ${n}; i++) {
      await store.transact(async (tx) => {
        const id = 'job-' + (await tx.nextNumber('job'));
        await tx.put('job', { id, type: 't', dueAt: '2026-01-01T00:00:00.000Z', payload: {}, createdAt: '2026-01-01T00:00:00.000Z' });
      });
    }
    process.stdout.write('committed\\n');
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => void (child.exitCode === null && child.kill('SIGKILL')));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((ok, fail) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('committed') && ok());
    child.once('exit', (code) => fail(new Error(`the child exited with ${code}: ${stderr}`)));
  });
  return child;
}
