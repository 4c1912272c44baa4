import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Clock } from '../bot/clock.js';
import { silentLogger, type Logger } from '../bot/log.js';
import { AppendLog } from './append-log.js';
import { queryAuditLog, exportAuditLog } from './audit-query.js';
import { loadState } from './load-state.js';
import { LowdbTx } from './lowdb-tx.js';
import type { MemoryState } from './memory-state.js';
import { SCHEMA_VERSION, type ArchiveLine, type AuditLine, type StateFile } from './state-file.js';
import type { AuditEvent, AuditQuery, ReadTx, Store, Tx } from './store.js';

export interface LowdbStoreOptions {
  /** The data directory: state.json, archive.jsonl and audit.jsonl live here. */
  dir: string;
  /** Accepted for symmetry with other stores; the lowdb store keeps no clock of its own. */
  clock?: Clock;
  log?: Logger;
  /**
   * Opens for reading only: nothing is repaired or written, so exports can run while another
   * process owns the directory. Transactions then throw.
   */
  readOnly?: boolean;
}

export const STATE_FILE = 'state.json';
export const ARCHIVE_FILE = 'archive.jsonl';
export const AUDIT_FILE = 'audit.jsonl';

/**
 * Opens the embedded store. A file that is unreadable, invalid or from a newer dayops stops
 * the start with a message naming it, and is never overwritten.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  if (!options.readOnly) await mkdir(options.dir, { recursive: true });
  const db = new Low<StateFile | null>(new DataFile<StateFile | null>(join(options.dir, STATE_FILE), { parse: JSON.parse, stringify: JSON.stringify }), null);
  const archive = new AppendLog(join(options.dir, ARCHIVE_FILE));
  const audit = new AppendLog(join(options.dir, AUDIT_FILE));
  const loaded = await loadState({ db, archive, audit, dir: options.dir, readOnly: options.readOnly });
  return new LowdbStore(db, loaded.state, loaded.archivedIds, archive, audit, options.log ?? silentLogger, options.readOnly ?? false);
}

class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Low<StateFile | null>,
    private readonly state: MemoryState,
    private readonly archivedIds: Set<string>,
    private readonly archive: AppendLog,
    private readonly audit: AppendLog,
    private readonly log: Logger,
    private readonly readOnly: boolean,
  ) {}

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
    return this.exclusive(() => this.audit.append([{ seq: this.state.seq, ...event }]));
  }

  queryAudit(query: AuditQuery): Promise<AuditEvent[]> {
    return queryAuditLog(this.audit, query);
  }

  exportAudit(write: (line: string) => void | Promise<void>): Promise<number> {
    return exportAuditLog(this.audit, write);
  }

  async close(): Promise<void> {
    if (this.readOnly) {
      this.closed = true;
      return;
    }
    return this.exclusive(async () => {
      this.closed = true;
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
    const auditLines: AuditLine[] = tx.auditEvents.map((e) => ({ seq, ...e }));
    const archiveLines = this.archiveLinesOf(tx, seq);
    const counters = { ...this.state.counters, ...tx.counters };
    this.db.data = {
      schemaVersion: SCHEMA_VERSION,
      seq,
      counters,
      records: this.state.openRecordsAfter(tx.changes),
      lastTx: { seq, audit: auditLines, archived: archiveLines },
    };
    // The state file is the commit point; the appends after it are repaired on start if cut short.
    await this.db.write();
    this.state.apply(tx.changes);
    this.state.counters = counters;
    this.state.seq = seq;
    for (const line of archiveLines) this.archivedIds.add(`${line.kind}|${line.id}`);
    await this.archive.append(archiveLines);
    await this.audit.append(auditLines);
  }

  private archiveLinesOf(tx: LowdbTx, seq: number): ArchiveLine[] {
    const lines: ArchiveLine[] = [];
    for (const [kind, byId] of tx.changes) {
      for (const [id, change] of byId) {
        if (change?.closed) lines.push({ seq, kind, id, record: change.record });
        // A removed record's archived copy must not come back on the next load. (A reopened
        // one needs no line: open records win over archived ones.)
        else if (change === null && this.archivedIds.has(`${kind}|${id}`)) lines.push({ seq, kind, id });
      }
    }
    return lines;
  }
}
