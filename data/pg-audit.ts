import type { Client, Pool, PoolClient } from 'pg';
import type { AuditEvent, AuditQuery } from './store.js';

/** Inserts events in order; the sequence number is the audit log's order. */
export async function insertAudit(client: Pool | PoolClient | Client, events: readonly AuditEvent[]): Promise<void> {
  // PostgreSQL takes at most 65535 parameters in one statement.
  for (let i = 0; i < events.length; i += 1000) await insertRows(client, events.slice(i, i + 1000));
}

async function insertRows(client: Pool | PoolClient | Client, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(e.time, e.actor.person ?? null, e.actor.userId, e.target ?? null, JSON.stringify(e));
    const b = i * 5;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
  });
  await client.query(`INSERT INTO dayops_audit (time, actor_person, actor_user, target, event) VALUES ${rows.join(', ')}`, values);
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
  return rows.map((r) => r.event);
}

const EXPORT_PAGE = 1000;

/** Oldest first, in pages, so a long log is never held in memory at once. */
export async function exportPgAudit(pool: Pool, write: (line: string) => void | Promise<void>): Promise<number> {
  let after = '0';
  let n = 0;
  for (;;) {
    const { rows } = await pool.query<{ seq: string; event: AuditEvent }>(
      'SELECT seq, event FROM dayops_audit WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, EXPORT_PAGE],
    );
    for (const row of rows) {
      await write(JSON.stringify(row.event));
      n++;
    }
    if (rows.length < EXPORT_PAGE) return n;
    after = rows[rows.length - 1]!.seq;
  }
}
