import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { verifyAuditCommand } from '../../bin/audit-commands.js';
import { loadConfig } from '../../bin/config.js';
import type { ChainedAuditEvent } from '../../data/audit-chain.js';
import { checkEnd, verifyLines, type ChainReport } from '../../data/audit-verify.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import { migrateStore } from '../../data/pg-migrate-store.js';
import { openPgStore, type PgStore } from '../../data/pg-store.js';
import type { AuditEvent } from '../../data/store.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const skip = skipWithoutPostgres();

const event = (summary: string): AuditEvent => ({
  time: '2026-01-01T00:00:00.000Z',
  actor: { platform: 'shell', userId: 'alice', person: 'alice' },
  platform: 'shell',
  action: 'test',
  outcome: 'ok',
  summary,
});

async function verifyStore(store: PgStore): Promise<ChainReport> {
  const report = await verifyLines((visit) => store.exportAudit(visit));
  return checkEnd(report, await store.auditHead(), 'the database');
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)(`audit hash chain on PostgreSQL${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  const open: PgStore[] = [];
  const store = async (url: string) => {
    const s = await openPgStore({ url });
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await server?.stop();
  });

  it('keeps one unbroken chain while three replicas write at once', async () => {
    const url = await server.createDatabase();
    const replicas = await Promise.all([store(url), store(url), store(url)]);
    await Promise.all(
      replicas.flatMap((s, r) =>
        Array.from({ length: 20 }, (_, i) =>
          i % 4 === 0 ? s.appendAudit(event(`r${r} refused ${i}`)) : s.transact(async (tx) => tx.audit(event(`r${r} tx ${i}`))),
        ),
      ),
    );
    const report = await verifyStore(replicas[0]!);
    expect(report.broken).toBeUndefined();
    expect(report.entries).toBe(60);
    expect(await replicas[1]!.auditHead()).toEqual(report.head);
  });

  it('names a row changed in the database, and the newest rows deleted', async () => {
    const url = await server.createDatabase();
    const s = await store(url);
    for (let i = 1; i <= 5; i++) await s.transact(async (tx) => tx.audit(event(`e${i}`)));
    await sql(url, `UPDATE dayops_audit SET event = jsonb_set(event, '{summary}', '"nothing happened"') WHERE n = 3`);
    expect((await verifyStore(s)).broken).toMatchObject({ line: 3, n: 3, reason: expect.stringMatching(/entry 3 was changed/) as unknown });
    await sql(url, `UPDATE dayops_audit SET event = jsonb_set(event, '{summary}', '"e3"') WHERE n = 3`);
    expect((await verifyStore(s)).broken).toBeUndefined();
    await sql(url, 'DELETE FROM dayops_audit WHERE n >= 4');
    expect((await verifyStore(s)).broken?.reason).toBe('the log ends at entry 3 but the database records 5: entries 4 to 5 were removed');
  });

  it('seals rows written before the chain existed when it starts, oldest first', async () => {
    const url = await server.createDatabase();
    const first = await openPgStore({ url });
    await first.close();
    // As a database written by an older dayops: rows without a place in the chain.
    await sql(url, `UPDATE dayops_audit_head SET n = 0, hash = '${'0'.repeat(64)}'`);
    await sql(
      url,
      `INSERT INTO dayops_audit (time, actor_user, event) VALUES ${['old 1', 'old 2']
        .map((s) => `('2026-01-01T00:00:00.000Z', 'alice', '${JSON.stringify(event(s))}')`)
        .join(', ')}`,
    );
    const s = await store(url);
    await s.appendAudit(event('new'));
    const lines: string[] = [];
    await s.exportAudit((l) => void lines.push(l));
    expect(lines.map((l) => [(JSON.parse(l) as ChainedAuditEvent).n, (JSON.parse(l) as ChainedAuditEvent).summary])).toEqual([
      [1, 'old 1'],
      [2, 'old 2'],
      [3, 'new'],
    ]);
    expect((await verifyStore(s)).broken).toBeUndefined();
  });

  it('migrate-store carries the chain over unchanged', async () => {
    const dir = tempDir();
    const source = await openLowdbStore({ dir });
    for (let i = 0; i < 3; i++) await source.transact(async (tx) => tx.audit(event(`e${i}`)));
    await source.close();
    const before: string[] = [];
    const reread = await openLowdbStore({ dir, readOnly: true });
    await reread.exportAudit((l) => void before.push(l));
    await reread.close();
    const url = await server.createDatabase();
    expect((await migrateStore(dir, url)).ok).toBe(true);
    const target = await store(url);
    const after: string[] = [];
    await target.exportAudit((l) => void after.push(l));
    expect(after.map((l) => (JSON.parse(l) as ChainedAuditEvent).hash)).toEqual(before.map((l) => (JSON.parse(l) as ChainedAuditEvent).hash));
    expect((await verifyStore(target)).broken).toBeUndefined();
  });

  it('dayops verify-audit on the database names the row someone edited', async () => {
    const url = await server.createDatabase();
    const s = await store(url);
    for (let i = 1; i <= 3; i++) await s.transact(async (tx) => tx.audit(event(`e${i}`)));
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk).trimEnd());
      return true;
    });
    onTestFinished(() => spy.mockRestore());
    const config = loadConfig({ DAYOPS_DATABASE_URL: url, DAYOPS_DATA_DIR: tempDir() });
    expect(await verifyAuditCommand(config, undefined, {})).toBe(0);
    expect(lines.at(-1)).toMatch(/^Audit log intact: 3 entries/);
    await sql(url, `UPDATE dayops_audit SET event = jsonb_set(event, '{actor,person}', '"mallory"') WHERE n = 2`);
    expect(await verifyAuditCommand(config, undefined, {})).toBe(1);
    expect(lines.at(-1)).toBe('Audit log BROKEN at line 2 (entry 2): entry 2 was changed after it was written: its hash does not match its content. The entry before it holds.');
  });
});
