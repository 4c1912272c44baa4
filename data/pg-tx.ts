import type { PoolClient, QueryResultRow } from 'pg';
import type { Collections, Kind } from './records/index.js';
import type { AuditEvent, ListOptions, PutOptions, Tx } from './store.js';

const CLOSED_FILTER = { open: 'AND closed = false', closed: 'AND closed = true', all: '' } as const;

/**
 * One transaction on one connection. Writes go straight to the database (so reads see them);
 * audit events wait for the commit, which is the store's job.
 */
export class PgTx implements Tx {
  readonly auditEvents: AuditEvent[] = [];
  readonly afterCommitHooks: (() => void)[] = [];
  /** The first database error: after it the transaction is dead, whatever the caller caught. */
  failure: unknown;

  constructor(
    private readonly client: PoolClient,
    private readonly readOnly = false,
  ) {}

  async get<K extends Kind>(kind: K, id: string): Promise<Collections[K] | undefined> {
    const { rows } = await this.query<{ doc: Collections[K] }>('SELECT doc FROM dayops_records WHERE kind = $1 AND id = $2', [kind, id]);
    return rows[0]?.doc;
  }

  /**
   * Open records first, each group in the order it was last written (as the embedded store
   * keeps them); the predicate runs here, since it is a function.
   */
  async list<K extends Kind>(kind: K, options: ListOptions<Collections[K]> = {}): Promise<Collections[K][]> {
    const filter = CLOSED_FILTER[options.state ?? 'open'];
    const { rows } = await this.query<{ doc: Collections[K] }>(
      `SELECT doc FROM dayops_records WHERE kind = $1 ${filter} ORDER BY closed, ord`,
      [kind],
    );
    const docs = rows.map((r) => r.doc);
    return options.where ? docs.filter(options.where) : docs;
  }

  async put<K extends Kind>(kind: K, record: Collections[K], options: PutOptions = {}): Promise<void> {
    this.assertWritable();
    await this.query(
      `INSERT INTO dayops_records (kind, id, closed, doc) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, id) DO UPDATE SET closed = EXCLUDED.closed, doc = EXCLUDED.doc, ord = nextval('dayops_records_ord_seq')`,
      [kind, record.id, options.closed ?? false, JSON.stringify(record)],
    );
  }

  async remove<K extends Kind>(kind: K, id: string): Promise<void> {
    this.assertWritable();
    await this.query('DELETE FROM dayops_records WHERE kind = $1 AND id = $2', [kind, id]);
  }

  async nextNumber(counter: string): Promise<number> {
    this.assertWritable();
    const { rows } = await this.query<{ value: string }>(
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

  private async query<R extends object = object>(sql: string, params: unknown[]): Promise<{ rows: R[] }> {
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
