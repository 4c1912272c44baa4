import type { ChainHead } from './audit-chain.js';
import type { ListedKind } from './listed-kinds.js';
import type { QueryName, QueryParams, QueryResult } from './queries.js';
import type { Collections, Kind } from './records/index.js';

export type { Collections, Kind } from './records/index.js';
export type { QueryName, QueryParams, QueryResult } from './queries.js';
export type { ListedKind } from './listed-kinds.js';

export interface AuditActor {
  platform: string;
  userId: string;
  person?: string;
}

/** One line of the append-only audit log. */
export interface AuditEvent {
  time: string;
  actor: AuditActor;
  platform: string;
  action: string;
  target?: string;
  outcome: 'ok' | 'refused' | 'failed';
  summary: string;
}

export interface AuditQuery {
  actor?: string;
  target?: string;
  since?: string;
  /** Newest first, at most this many. */
  limit?: number;
}

export interface ListOptions<T> {
  where?: (record: T) => boolean;
  /** `open` (the default) lists records in hot state; `closed` the archived ones; `all` both. */
  state?: 'open' | 'closed' | 'all';
}

export interface PutOptions {
  /**
   * A closed record is finished history (a deployment that ended, a resolved incident). It stays
   * readable but leaves the state that is rewritten on every change.
   */
  closed?: boolean;
}

export interface ReadTx {
  get<K extends Kind>(kind: K, id: string): Promise<Collections[K] | undefined>;
  list<K extends ListedKind>(kind: K, options?: ListOptions<Collections[K]>): Promise<Collections[K][]>;
  /** A named query (data/queries.ts), answered from an index; inside a transaction it sees its own writes. */
  query<Q extends QueryName>(name: Q, params: QueryParams<Q>): Promise<QueryResult<Q>>;
}

/** Reads every record of any kind, for tests, tools and exports; no command or job may scan (test/architecture checks). */
export interface ScanTx extends ReadTx {
  scan<K extends Kind>(kind: K, options?: ListOptions<Collections[K]>): Promise<Collections[K][]>;
}

export interface Tx extends ReadTx {
  put<K extends Kind>(kind: K, record: Collections[K], options?: PutOptions): Promise<void>;
  remove<K extends Kind>(kind: K, id: string): Promise<void>;
  /** The next number of a counter (`deployment` → 12 for DEP-12); never reused, even after a rollback. */
  nextNumber(counter: string): Promise<number>;
  /** Appended to the audit log when, and only when, the transaction commits. */
  audit(event: AuditEvent): void;
  /** Runs after a successful commit (wake a sender, start a process). */
  afterCommit(fn: () => void): void;
}

/**
 * The one way state is read and changed. Transactions are serialised; a transaction whose
 * function throws changes nothing. Implementations: data/lowdb-store.ts (embedded default),
 * data/pg-store.ts (PostgreSQL, for several replicas).
 */
export interface Store {
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T>;
  /** A read that may scan whole kinds: tests, tools and exports only, never a hot path. */
  inspect<T>(fn: (tx: ScanTx) => Promise<T>): Promise<T>;
  /** For events that change no state, such as a refused command. */
  appendAudit(event: AuditEvent): Promise<void>;
  queryAudit(query: AuditQuery): Promise<AuditEvent[]>;
  /** Streams every audit entry, oldest first, with its hash-chain fields (export, verify-audit). */
  exportAudit(write: (line: string) => void | Promise<void>): Promise<number>;
  /**
   * Present when the store keeps the chain's head apart from the log (PostgreSQL), so removing
   * the newest entries is noticed too.
   */
  auditHead?(): Promise<ChainHead>;
  /** Every id counter's current value, as committed (migration and its check). */
  counters?(): Promise<Record<string, number>>;
  close(): Promise<void>;
  /**
   * Present when several processes share the store (PostgreSQL): takes or renews a lease on a
   * named piece of scheduled work for `ms`, true while this process holds it. Claimed work runs
   * in one process at a time and moves to another when the holder stops renewing. Absent: this
   * process is the only one, and holds everything.
   */
  claim?(name: string, ms: number): Promise<boolean>;
  /** Gives a claim up before it expires. */
  release?(name: string): Promise<void>;
  /** Present with `claim`: how often (ms) to look for jobs and messages other processes created. */
  readonly pollMs?: number;
  /** Present when transactions can be run again on a conflict (PostgreSQL): how many were, since start. */
  retries?(): number;
  /** Rejects with the reason when the store cannot be reached (readiness). */
  ping?(): Promise<void>;
}
