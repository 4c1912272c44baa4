import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgStore } from '../../data/pg-store.js';
import { migratePg, PG_SCHEMA_VERSION } from '../../data/pg-schema.js';
import { acceptedDecision, alertGroup, deployment } from '../incidents/fixtures.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { job } from './contract.js';

const skip = skipWithoutPostgres();

/** What only a store shared by several processes must do: each PgStore here stands for a replica. */
describe.skipIf(skip)(`PostgreSQL store shared by replicas${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  const open: PgStore[] = [];
  const replicas = async (n: number, url?: string) => {
    const target = url ?? (await server.createDatabase());
    const stores = await Promise.all(Array.from({ length: n }, () => openPgStore({ url: target })));
    open.push(...stores);
    return stores;
  };
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await server?.stop();
  });

  it('migrates once when several replicas start together', async () => {
    const url = await server.createDatabase();
    await replicas(4, url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM dayops_schema ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('moves a schema version 2 database to indexed columns: its records answer the named queries', async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePg(client, 2);
      const rows: [string, string, boolean, unknown][] = [
        ['deployment', 'DEP-1', true, deployment('DEP-1', { service: 'api', state: 'succeeded', createdAt: '2026-03-01T10:00:00.000Z' })],
        ['deployment', 'DEP-2', false, deployment('DEP-2', { service: 'api', state: 'running', createdAt: '2026-03-02T10:00:00.000Z' })],
        ['job', 'j1', false, job('j1', '2026-01-01T00:00:00.000Z')],
        ['alertGroup', 'ALG-1', false, alertGroup('ALG-1', { groupKey: 'gk', alerts: {} })],
        ['decision', 'D-1', true, acceptedDecision('D-1', { category: 'database', title: 'Nightly backups' })],
      ];
      for (const [kind, id, closed, doc] of rows) await client.query('INSERT INTO dayops_records (kind, id, closed, doc) VALUES ($1, $2, $3, $4)', [kind, id, closed, JSON.stringify(doc)]);
    } finally {
      await client.end();
    }
    const [store] = await replicas(1, url);
    await store!.read(async (tx) => {
      expect((await tx.query('deployment.active', { service: 'api', env: 'production' }))?.id).toBe('DEP-2');
      expect((await tx.query('deployment.history', { service: 'api' })).map((d) => d.id)).toEqual(['DEP-2', 'DEP-1']);
      expect((await tx.query('job.due', { until: '2026-01-02T00:00:00.000Z', limit: 5 })).map((j) => j.id)).toEqual(['j1']);
      expect((await tx.query('alertGroup.byGroupKey', { source: 'alertmanager', groupKey: 'gk' }))?.id).toBe('ALG-1');
      expect((await tx.query('decision.search', { text: 'backup' })).map((d) => d.id)).toEqual(['D-1']);
    });
    // The audit chain (version 3) came along the way.
    expect(await store!.auditHead()).toMatchObject({ n: 0 });
  });

  it('refuses a database set up by a newer dayops', async () => {
    const url = await server.createDatabase();
    await replicas(1, url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('INSERT INTO dayops_schema (version) VALUES (99)');
    await client.end();
    await expect(openPgStore({ url })).rejects.toThrow(/newer dayops \(schema version 99/);
  });

  it('loses no update and fires a one-off job once when replicas race for it', async () => {
    const [a, b, c] = await replicas(3);
    await a!.transact((tx) => tx.put('job', job('due', '2026-01-01T00:00:00.000Z', { n: 0 })));
    let fired = 0;
    const fire = (s: PgStore) =>
      s.transact(async (tx) => {
        const found = await tx.get('job', 'due');
        if (!found) return;
        await tx.remove('job', 'due');
        tx.afterCommit(() => fired++);
      });
    await Promise.all([a!, b!, c!, a!, b!, c!].map(fire));
    expect(fired).toBe(1);
  });

  it('gives a lease to one replica at a time, and to another once it is released or expires', async () => {
    const [a, b] = await replicas(2);
    expect(await a!.claim('scheduler', 60_000)).toBe(true);
    expect(await b!.claim('scheduler', 60_000)).toBe(false);
    expect(await a!.claim('scheduler', 60_000)).toBe(true);
    await a!.release('scheduler');
    expect(await b!.claim('scheduler', 50)).toBe(true);
    expect(await a!.claim('scheduler', 60_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(await a!.claim('scheduler', 60_000)).toBe(true);
    const results = await Promise.all([a!, b!].flatMap((s) => [s.claim('race', 60_000), s.claim('race', 60_000)]));
    expect(results.filter(Boolean).length).toBe(2);
    expect(results[0] === results[2]).toBe(false);
  });
});
