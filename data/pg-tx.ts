import type { PoolClient, QueryResultRow } from 'pg';
import type { Collections, Kind } from './records/index.js';
import { PG_QUERIES, type PgQuery } from './pg-queries.js';
import type { AuditEvent, ListedKind, ListOptions, PutOptions, QueryName, QueryParams, QueryResult, ScanTx, Tx } from './store.js';

const CLOSED_FILTER = { open: 'AND closed = false', closed: 'AND closed = true', all: '' } as const;

/**
 * One transaction on one connection. Writes go straight to the database (so reads see them);
 * audit events wait for the commit, which is the store's job.
 */
export class PgTx implements Tx, ScanTx {
  readonly auditEvents: AuditEvent[] = [];
  readonly afterCommitHooks: (() => void)[] = [];
  /** The first database error: after it the transaction is dead, whatever the caller caught. */
  failure: unknown;

  constructor(
    private readonly client: PoolClient,
    private readonly readOnly = false,
  ) {}

  async get<K extends Kind>(kind: K, id: string): Promise<Collections[K] | undefined> {
    const { rows } = await this.sql<{ doc: Collections[K] }>('SELECT doc FROM dayops_records WHERE kind = $1 AND id = $2', [kind, id]);
    return rows[0]?.doc;
  }

  /**
   * Open records first, each group in the order it was last written (as the embedded store
   * keeps them); the predicate runs here, since it is a function.
   */
  async query<Q extends QueryName>(name: Q, params: QueryParams<Q>): Promise<QueryResult<Q>> {
    const q: PgQuery = (PG_QUERIES[name] as (p: QueryParams<Q>) => PgQuery)(params);
    // What the answer decides ("no deployment runs on this line yet") holds until this commits.
    const { rows } = await this.sql<{ doc?: unknown; n?: string; id?: string; due_at?: string }>(q.sql, q.params);
    const answer = q.shape === 'count' ? Number(rows[0]?.n ?? 0) : q.shape === 'schedule' ? rows.map((r) => ({ id: r.id!, dueAt: r.due_at! })) : q.shape === 'one' ? rows[0]?.doc : rows.map((r) => r.doc);
    return answer as QueryResult<Q>;
  }

  list<K extends ListedKind>(kind: K, options: ListOptions<Collections[K]> = {}): Promise<Collections[K][]> {
    return this.scan(kind, options);
  }

  async scan<K extends Kind>(kind: K, options: ListOptions<Collections[K]> = {}): Promise<Collections[K][]> {
    const filter = CLOSED_FILTER[options.state ?? 'open'];
    const { rows } = await this.sql<{ doc: Collections[K] }>(
      `SELECT doc FROM dayops_records WHERE kind = $1 ${filter} ORDER BY closed, ord`,
      [kind],
    );
    const docs = rows.map((r) => r.doc);
    return options.where ? docs.filter(options.where) : docs;
  }

  async put<K extends Kind>(kind: K, record: Collections[K], options: PutOptions = {}): Promise<void> {
    this.assertWritable();
    await this.sql(
      `INSERT INTO dayops_records (kind, id, closed, doc) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, id) DO UPDATE SET closed = EXCLUDED.closed, doc = EXCLUDED.doc, ord = nextval('dayops_records_ord_seq')`,
      [kind, record.id, options.closed ?? false, JSON.stringify(record)],
    );
  }

  async remove<K extends Kind>(kind: K, id: string): Promise<void> {
    this.assertWritable();
    await this.sql('DELETE FROM dayops_records WHERE kind = $1 AND id = $2', [kind, id]);
  }

  async nextNumber(counter: string): Promise<number> {
    this.assertWritable();
    const { rows } = await this.sql<{ value: string }>(
      `INSERT INTO dayops_counters (name, value) VALUES ($1, 1)
       ON CONFLICT (name) DO UPDATE SET value = dayops_counters.value + 1 RETURNING value`,
      [counter],
    );
    return Number(rows[0]!.value);
  }

  audit(event: AuditEvent): void {
    this.assertWritable();
    this.auditEvents.push(event);
  }

  afterCommit(fn: () => void): void {
    this.afterCommitHooks.push(fn);
  }

  private async sql<R extends object = object>(sql: string, params: unknown[]): Promise<{ rows: R[] }> {
    try {
      return await this.client.query<R & QueryResultRow>(sql, params);
    } catch (err) {
      this.failure ??= err;
      throw err;
    }
  }

  private assertWritable(): void {
    if (this.readOnly) throw new Error('a read cannot change the store; use transact');
  }
}
