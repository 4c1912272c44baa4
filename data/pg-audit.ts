import type { Client, Pool, PoolClient } from 'pg';
import { isChained, linkEvents, plainEvent, type ChainedAuditEvent, type ChainHead } from './audit-chain.js';
import type { AuditEvent, AuditQuery } from './store.js';
import { connectGuarded } from './pg-connect.js';

type Queryable = Pool | PoolClient | Client;

/**
 * Inserts events in order, unsealed: they join the hash chain when `sealPgAudit` runs after the
 * commit, so transactions on several replicas never wait on one another for the chain's head.
 */
export async function insertAudit(client: Queryable, events: readonly AuditEvent[]): Promise<void> {
  // PostgreSQL takes at most 65535 parameters in one statement.
  for (let i = 0; i < events.length; i += 1000) await insertRows(client, events.slice(i, i + 1000));
}

async function insertRows(client: Queryable, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    const chained = isChained(e) ? e : undefined;
    values.push(e.time, e.actor.person ?? null, e.actor.userId, e.target ?? null, JSON.stringify(e), chained?.n ?? null, chained?.hash ?? null);
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await client.query(`INSERT INTO dayops_audit (time, actor_person, actor_user, target, event, n, hash) VALUES ${rows.join(', ')}`, values);
}

/** Any constant works; it only has to be the same in every dayops process. */
const SEAL_LOCK = 7_263_900_117;
const SEAL_BATCH = 1000;

/**
 * Links every committed, unsealed row onto the chain, oldest first, under an advisory lock so
 * replicas seal one at a time; each statement sees what others committed (READ COMMITTED).
 * Resolves the number of rows sealed.
 */
export async function sealPgAudit(pool: Pool): Promise<number> {
  // Lost connections are the caller's to report: its seal fails and is tried again.
  const client = await connectGuarded(pool, () => undefined);
  let sealed = 0;
  try {
    for (;;) {
      const n = await sealBatch(client);
      sealed += n;
      if (n < SEAL_BATCH) return sealed;
    }
  } finally {
    client.release();
  }
}

async function sealBatch(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    const head = await readHead(client);
    const { rows } = await client.query<{ seq: string; event: AuditEvent }>('SELECT seq, event FROM dayops_audit WHERE n IS NULL ORDER BY seq LIMIT $1', [SEAL_BATCH]);
    if (rows.length > 0) {
      const linked = linkEvents(head, rows.map((r) => plainEvent(r.event)));
      await client.query(
        `UPDATE dayops_audit a SET n = u.n, hash = u.hash, event = u.event
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::jsonb[]) AS u(seq, n, hash, event) WHERE a.seq = u.seq`,
        [rows.map((r) => r.seq), linked.entries.map((e) => e.n), linked.entries.map((e) => e.hash), linked.entries.map((e) => JSON.stringify(e))],
      );
      await client.query('UPDATE dayops_audit_head SET n = $1, hash = $2 WHERE id = 1', [linked.head.n, linked.head.hash]);
    }
    await client.query('COMMIT');
    return rows.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export async function readHead(client: Queryable): Promise<ChainHead> {
  const { rows } = await client.query<{ n: string; hash: string }>('SELECT n, hash FROM dayops_audit_head WHERE id = 1');
  return { n: Number(rows[0]!.n), hash: rows[0]!.hash };
}

/** Sets the head to the last entry a copy brought in (migrate-store), so sealing continues from it. */
export async function setHead(client: Queryable, head: ChainHead): Promise<void> {
  await client.query('UPDATE dayops_audit_head SET n = $1, hash = $2 WHERE id = 1', [head.n, head.hash]);
}

/** Newest first, at most `limit` (default 50), with the same filters as the embedded store. */
export async function queryPgAudit(pool: Pool, query: AuditQuery): Promise<AuditEvent[]> {
  const { rows } = await pool.query<{ event: AuditEvent }>(
    `SELECT event FROM dayops_audit
     WHERE ($1::text IS NULL OR actor_person = $1 OR actor_user = $1)
       AND ($2::text IS NULL OR target = $2)
       AND ($3::text IS NULL OR time >= $3)
     ORDER BY seq DESC LIMIT $4`,
    [query.actor ?? null, query.target ?? null, query.since ?? null, query.limit ?? 50],
  );
  return rows.map((r) => plainEvent(r.event));
}

const EXPORT_PAGE = 1000;

/**
 * Oldest first, in pages, so a long log is never held in memory at once: sealed entries in
 * chain order, then any not sealed yet in insertion order.
 */
export async function exportPgAudit(pool: Pool, write: (line: string) => void | Promise<void>): Promise<number> {
  let n = 0;
  for (const [column, where] of [['n', 'n IS NOT NULL'], ['seq', 'n IS NULL']] as const) {
    let after = '-1';
    for (;;) {
      const { rows } = await pool.query<{ key: string; event: ChainedAuditEvent }>(
        `SELECT ${column} AS key, event FROM dayops_audit WHERE ${where} AND ${column} > $1 ORDER BY ${column} LIMIT $2`,
        [after, EXPORT_PAGE],
      );
      for (const row of rows) {
        await write(JSON.stringify(row.event));
        n++;
      }
      if (rows.length < EXPORT_PAGE) break;
      after = rows[rows.length - 1]!.key;
    }
  }
  return n;
}
