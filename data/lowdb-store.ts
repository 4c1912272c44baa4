import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { silentLogger, type Logger, type StoreClock } from './ports.js';
import { AppendLog } from './append-log.js';
import { EMPTY_HEAD, headOf, linkEvents, type ChainHead } from './audit-chain.js';
import { queryAuditLog, exportAuditLog } from './audit-query.js';
import { archiveLinesOf, journalLine } from './journal.js';
import { loadState, type LoadedState } from './load-state.js';
import { LowdbTx } from './lowdb-tx.js';
import type { MemoryState } from './memory-state.js';
import { probeWritable } from './probe-writable.js';
import { SCHEMA_VERSION, type ArchiveLine, type AuditLine, type StateFile } from './state-file.js';
import type { AuditEvent, AuditQuery, ReadTx, ScanTx, Store, Tx } from './store.js';

export interface LowdbStoreOptions {
  /** The data directory: state.json, archive.jsonl and audit.jsonl live here. */
  dir: string;
  /** Accepted for symmetry with other stores; the lowdb store keeps no clock of its own. */
  clock?: StoreClock;
  log?: Logger;
  /**
   * Opens for reading only: nothing is repaired or written, so exports can run while another
   * process owns the directory. Transactions then throw.
   */
  readOnly?: boolean;
  /** Rewrites state.json and empties the journal once the journal grows past this size. */
  compactAtBytes?: number;
  /**
   * fdatasync each journal append before the commit is acknowledged, so a change survives a power
   * cut or a kernel crash too; without it, only a crash of the process. `dayops` sets it from
   * `journalFsync` (on unless turned off); tests and tools that open a store directly go without.
   */
  sync?: boolean;
}

/** Large enough that compaction is rare, small enough that replaying the journal on start is quick. */
const COMPACT_AT_BYTES = 4 * 1024 * 1024;

export const STATE_FILE = 'state.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const ARCHIVE_FILE = 'archive.jsonl';
export const AUDIT_FILE = 'audit.jsonl';

/**
 * Opens the embedded store. A file that is unreadable, invalid or from a newer dayops stops
 * the start with a message naming it, and is never overwritten.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  if (!options.readOnly) await mkdir(options.dir, { recursive: true });
  const db = new Low<StateFile | null>(new DataFile<StateFile | null>(join(options.dir, STATE_FILE), { parse: JSON.parse, stringify: JSON.stringify }), null);
  const journal = new AppendLog(join(options.dir, JOURNAL_FILE), { sync: options.sync ?? false });
  const archive = new AppendLog(join(options.dir, ARCHIVE_FILE));
  const audit = new AppendLog(join(options.dir, AUDIT_FILE));
  const log = options.log ?? silentLogger;
  const loaded = await loadState({ db, journal, archive, audit, dir: options.dir, readOnly: options.readOnly, log });
  const head = options.readOnly ? EMPTY_HEAD : await auditHead(audit);
  return new LowdbStore(db, loaded, { journal, archive, audit }, head, { dir: options.dir, log, readOnly: options.readOnly ?? false, compactAtBytes: options.compactAtBytes ?? COMPACT_AT_BYTES });
}

/** Where the chain stands: the last entry's link, or the start when the log is empty or older than the chain. */
async function auditHead(audit: AppendLog): Promise<ChainHead> {
  const { last } = await audit.repairTail();
  if (!last) return EMPTY_HEAD;
  try {
    return headOf(JSON.parse(last)) ?? EMPTY_HEAD;
  } catch {
    return EMPTY_HEAD;
  }
}

interface StoreSettings {
  dir: string;
  log: Logger;
  readOnly: boolean;
  compactAtBytes: number;
}

interface Logs {
  journal: AppendLog;
  archive: AppendLog;
  audit: AppendLog;
}

/**
 * Open records live in memory; a change is committed by appending one line to journal.jsonl,
 * and state.json (written through lowdb, atomically) is a snapshot of the open records that is
 * rewritten when the journal grows large and on close. Closed records and audit events go to
 * their own append-only files, so neither the snapshot nor a commit grows with history.
 */
class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly state: MemoryState;
  private readonly archivedIds: Set<string>;
  private journalBytes: number;
  /** Journal size at which compaction is next tried (later after a failed one). */
  private compactAt: number;
  /** Archive and audit lines of committed transactions whose append failed; retried in order. */
  private readonly pending = { archive: [] as ArchiveLine[], audit: [] as AuditLine[] };
  private readonly log: Logger;
  private readonly readOnly: boolean;

  constructor(
    private readonly db: Low<StateFile | null>,
    loaded: LoadedState,
    private readonly logs: Logs,
    private chainHead: ChainHead,
    private readonly settings: StoreSettings,
  ) {
    this.state = loaded.state;
    this.archivedIds = loaded.archivedIds;
    this.journalBytes = loaded.journalBytes;
    this.compactAt = settings.compactAtBytes;
    this.log = settings.log;
    this.readOnly = settings.readOnly;
  }

  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const tx = new LowdbTx(this.state);
      const result = await fn(tx);
      if (!tx.isEmpty) await this.commit(tx);
      for (const hook of tx.afterCommitHooks) {
        try {
          hook();
        } catch (err) {
          this.log.error({ err }, 'an after-commit hook failed');
        }
      }
      return result;
    });
  }

  async read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    return fn(new LowdbTx(this.state));
  }

  appendAudit(event: AuditEvent): Promise<void> {
    return this.exclusive(async () => {
      await this.flushPending();
      const linked = linkEvents(this.chainHead, [event]);
      await this.logs.audit.append(linked.entries.map((e) => ({ seq: this.state.seq, ...e })));
      this.chainHead = linked.head;
    });
  }

  async inspect<T>(fn: (tx: ScanTx) => Promise<T>): Promise<T> {
    return fn(new LowdbTx(this.state));
  }

  async counters(): Promise<Record<string, number>> {
    return { ...this.state.counters };
  }

  /** Rejects with the reason a write cannot succeed now (readiness). */
  ping(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    return probeWritable(this.settings.dir, this.logs.journal.failure);
  }

  queryAudit(query: AuditQuery): Promise<AuditEvent[]> {
    return queryAuditLog(this.logs.audit, query);
  }

  exportAudit(write: (line: string) => void | Promise<void>): Promise<number> {
    return exportAuditLog(this.logs.audit, write);
  }

  async close(): Promise<void> {
    if (this.readOnly) {
      this.closed = true;
      return;
    }
    return this.exclusive(async () => {
      this.closed = true;
      await this.flushPending().catch(() => undefined);
      if (this.journalBytes > 0 && this.pendingCount === 0) await this.compact();
    });
  }

  /** One transaction at a time: the state write and the log appends are one step. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new Error('the store is closed');
      if (this.readOnly) throw new Error('the store was opened read-only');
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commit(tx: LowdbTx): Promise<void> {
    const seq = this.state.seq + 1;
    const linked = linkEvents(this.chainHead, tx.auditEvents);
    const audit: AuditLine[] = linked.entries.map((e) => ({ seq, ...e }));
    const line = journalLine(seq, tx.changes, tx.counters, audit);
    // This append is the commit point: when it fails nothing changed; what follows is redone on start.
    this.journalBytes += await this.logs.journal.append([line]);
    this.chainHead = linked.head;
    this.state.apply(tx.changes);
    Object.assign(this.state.counters, tx.counters);
    this.state.seq = seq;
    const archived = archiveLinesOf(line, (kind, id) => this.archivedIds.has(`${kind}|${id}`));
    for (const a of archived) this.archivedIds.add(`${a.kind}|${a.id}`);
    this.pending.archive.push(...archived);
    this.pending.audit.push(...audit);
    // The change is committed whatever happens below, so nothing below may fail the transaction.
    await this.flushPending().catch((err: unknown) => this.log.warn({ err }, 'an archive or audit append failed after its commit; it is retried with the next change and redone on the next start'));
    if (this.journalBytes >= this.compactAt && this.pendingCount === 0) {
      await this.compact().catch((err: unknown) => {
        this.compactAt = this.journalBytes + this.settings.compactAtBytes / 8;
        this.log.warn({ err }, 'compacting the journal into state.json failed; the journal keeps every change and compaction is tried again later');
      });
    }
  }

  private get pendingCount(): number {
    return this.pending.archive.length + this.pending.audit.length;
  }

  /** Appends the archive and audit lines still owed, oldest first. */
  private async flushPending(): Promise<void> {
    if (this.pending.archive.length > 0) {
      await this.logs.archive.append(this.pending.archive);
      this.pending.archive = [];
    }
    if (this.pending.audit.length > 0) {
      await this.logs.audit.append(this.pending.audit);
      this.pending.audit = [];
    }
  }

  /** Writes the open records as the new snapshot, then empties the journal it makes redundant. */
  private async compact(): Promise<void> {
    this.db.data = { schemaVersion: SCHEMA_VERSION, seq: this.state.seq, counters: { ...this.state.counters }, records: this.state.openRecordsAfter(new Map()) };
    await this.db.write();
    await this.logs.journal.reset();
    this.journalBytes = 0;
    this.compactAt = this.settings.compactAtBytes;
  }
}
