import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { connectGuarded, isConnectionLost } from './pg-connect.js';
import { silentLogger, type Logger } from './ports.js';
import type { ChainHead } from './audit-chain.js';
import { exportPgAudit, insertAudit, queryPgAudit, readHead, sealPgAudit } from './pg-audit.js';
import { isRetryable, MAX_ATTEMPTS, retryPause } from './pg-retry.js';
import { migratePg } from './pg-schema.js';
import { PgTx } from './pg-tx.js';
import type { AuditEvent, AuditQuery, ReadTx, ScanTx, Store, Tx } from './store.js';

export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  log?: Logger;
  /** Connections this process keeps; each transaction holds one while it runs. */
  poolSize?: number;
  /** How often this process looks for jobs and messages other replicas created. */
  pollMs?: number;
}

export const DEFAULT_POLL_MS = 2000;

/**
 * Opens the PostgreSQL store: connects, migrates the schema (once, however many replicas start
 * together) and returns the same Store the embedded one is.
 */
export async function openPgStore(options: PgStoreOptions): Promise<PgStore> {
  const log = options.log ?? silentLogger;
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err) => log.warn({ err }, 'a database connection was lost'));
  try {
    const client = await pool.connect();
    try {
      const { from, to } = await migratePg(client);
      if (from !== to) log.info({ from, to }, 'database schema migrated');
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const store = new PgStore(pool, log, options.pollMs ?? DEFAULT_POLL_MS);
  // Rows a stopped replica committed but did not seal, and rows from before the chain existed.
  await store.seal();
  return store;
}

/** Every `transact` is a SERIALIZABLE transaction, run again (and counted) when PostgreSQL reports a conflict. */
export class PgStore implements Store {
  /** Names this process in leases, so a replica can tell its own claims from others'. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private closed = false;
  private sealing: Promise<void> = Promise.resolve();
  private queuedSeal: Promise<void> | undefined;
  private rerun = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    readonly pollMs: number,
  ) {}

  async transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(fn);
      if (outcome.ok) {
        this.runHooks(outcome.hooks);
        if (outcome.audited) await this.seal();
        return outcome.value;
      }
      if (!isRetryable(outcome.error) || attempt >= MAX_ATTEMPTS) throw outcome.error;
      this.rerun++;
      await retryPause(attempt);
    }
  }

  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    return this.inspect(fn);
  }

  async inspect<T>(fn: (tx: ScanTx) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: unknown;
    try {
      // One snapshot for the whole read, as the embedded store gives.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(new PgTx(client, true));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      broken = err;
      throw err;
    } finally {
      // A client whose connection failed is dropped from the pool, not handed out again.
      client.release(isConnectionLost(broken) ? (broken as Error) : undefined);
    }
  }

  /** Transactions run again after a deadlock or serialization failure, since this process started. */
  retries(): number {
    return this.rerun;
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    this.assertOpen();
    await insertAudit(this.pool, [event]);
    await this.seal();
  }

  /**
   * Links committed audit rows onto the hash chain. A failure (the database went away) is
   * logged and changes nothing: the next seal, here or on another replica, picks the rows up.
   */
  seal(): Promise<void> {
    // A seal still waiting to start covers every row committed before it starts: join it.
    if (this.queuedSeal) return this.queuedSeal;
    const next = this.sealing.then(async () => {
      this.queuedSeal = undefined;
      if (this.closed) return;
      try {
        await sealPgAudit(this.pool);
      } catch (err) {
        this.log.warn({ err }, 'audit entries could not be sealed yet; they will be on the next write');
      }
    });
    this.queuedSeal = next;
    this.sealing = next;
    return next;
  }

  async queryAudit(query: AuditQuery): Promise<AuditEvent[]> {
    this.assertOpen();
    return queryPgAudit(this.pool, query);
  }

  async exportAudit(write: (line: string) => void | Promise<void>): Promise<number> {
    this.assertOpen();
    await this.seal();
    return exportPgAudit(this.pool, write);
  }

  async auditHead(): Promise<ChainHead> {
    this.assertOpen();
    return readHead(this.pool);
  }

  /** Takes or renews a lease; the database's clock decides expiry, so replicas' clocks may differ. */
  async claim(name: string, ms: number): Promise<boolean> {
    this.assertOpen();
    const { rows } = await this.pool.query(
      `INSERT INTO dayops_leases (name, owner, until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
       WHERE dayops_leases.owner = EXCLUDED.owner OR dayops_leases.until < now()
       RETURNING owner`,
      [name, this.owner, Math.max(1, Math.round(ms))],
    );
    return rows.length === 1;
  }

  async release(name: string): Promise<void> {
    if (this.closed) return;
    await this.pool.query('DELETE FROM dayops_leases WHERE name = $1 AND owner = $2', [name, this.owner]);
  }

  /** Resolves when the database answers; rejects with the reason otherwise (for /readyz). */
  async counters(): Promise<Record<string, number>> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ name: string; value: string }>('SELECT name, value FROM dayops_counters');
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sealing;
    this.closed = true;
    await this.pool.end();
  }

  private async attempt<T>(fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T; hooks: (() => void)[]; audited: boolean } | { ok: false; error: unknown }> {
    const client = await this.connect();
    const tx = new PgTx(client);
    let broken: unknown;
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const value = await fn(tx);
      // A database error the function caught still ended the transaction: COMMIT would only roll back.
      if (tx.failure !== undefined) throw tx.failure;
      await insertAudit(client, tx.auditEvents);
      await client.query('COMMIT');
      return { ok: true, value, hooks: tx.afterCommitHooks, audited: tx.auditEvents.length > 0 };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      broken = err;
      return { ok: false, error: tx.failure !== undefined && isRetryable(tx.failure) ? tx.failure : err };
    } finally {
      // Only a lost connection is dropped; a serialization failure leaves a good connection.
      client.release(isConnectionLost(broken) ? (broken as Error) : undefined);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    this.assertOpen();
    return connectGuarded(this.pool, (err) => this.log.warn({ err }, 'a database connection was lost while in use'));
  }

  private runHooks(hooks: (() => void)[]): void {
    for (const hook of hooks) {
      try {
        hook();
      } catch (err) {
        this.log.error({ err }, 'an after-commit hook failed');
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
