import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(result.lines).toContain('Verified: counts and checksums match.');
    expect(result.lines.some((l) => /^job \(closed\)\s+30\s+30$/.test(l))).toBe(true);
    expect(result.lines.some((l) => /^audit events\s+1200\s+1200$/.test(l))).toBe(true);
    const target = await openPgStore({ url });
    try {
      expect(await target.read((tx) => tx.get('job', 'open-3'))).toEqual(job('open-3', '2026-01-01T00:00:00.000Z', { i: 3, note: 'ü 😀' }));
      expect((await target.read((tx) => tx.list('job', { state: 'closed' }))).length).toBe(30);
      expect(await target.transact((tx) => tx.nextNumber('deployment'))).toBe(8);
      expect((await target.queryAudit({ limit: 1 }))[0]?.summary).toBe('e1199');
    } finally {
      await target.close();
    }
    await expect(migrateStore(dir, url)).rejects.toThrow(/already holds dayops data/);
  });
});
