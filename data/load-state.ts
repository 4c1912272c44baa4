import type { Low } from 'lowdb';
import { silentLogger, type Logger } from './ports.js';
import type { AppendLog } from './append-log.js';
import { MemoryState } from './memory-state.js';
import { migrate, MigrationError } from './migrations.js';
import { RECORD_SCHEMAS, type Collections, type Kind } from './records/index.js';
import { archiveLinesOf, changesOf } from './journal.js';
import { JournalError, readJournal, type ReadJournal } from './load-journal.js';
import { archiveLineSchema, emptyState, SCHEMA_VERSION, stateFileSchema, type ArchiveLine, type AuditLine, type StateFile } from './state-file.js';

/** The data directory cannot be used as it is; the message says which file and why. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

interface LoadInput {
  db: Low<StateFile | null>;
  journal: AppendLog;
  archive: AppendLog;
  audit: AppendLog;
  dir: string;
  /** Reads without repairing anything, so it can run beside the process that owns the directory. */
  readOnly?: boolean;
  log?: Logger;
}

const UNTOUCHED = 'dayops has not changed it; fix or restore it from a backup, or move it away to start empty.';

export interface LoadedState {
  state: MemoryState;
  archivedIds: Set<string>;
  /** The size of journal.jsonl, so the store knows when to compact. */
  journalBytes: number;
}

/**
 * Reads the snapshot (state.json), replays the journal on top of it, indexes the archive, and
 * repairs log appends that a crash cut short.
 */
export async function loadState(input: LoadInput): Promise<LoadedState> {
  const file = await readStateFile(input.db, input.dir);
  const journal = await readJournalOrFail(input, file.seq);
  const last = journal.lines.at(-1);
  const archivePath = input.archive.path;
  const state = new MemoryState((kind, id, json) => decodeArchived(kind, id, json, archivePath));
  state.seq = last?.seq ?? file.seq;
  state.counters = { ...file.counters };
  for (const [kind, records] of Object.entries(file.records)) {
    const map = state.mapOf('open', kind);
    for (const [id, record] of Object.entries(records)) map.set(id, validateRecord(kind, id, record, stateFilePath(input.dir)));
  }
  const archivedIds = new Set<string>();
  const lastArchiveSeq = await readArchive(input, state, archivedIds);
  for (const line of journal.lines) {
    state.apply(changesOf(line, (kind, id, record) => validateRecord(kind, id, record, input.journal.path)));
    Object.assign(state.counters, line.counters);
  }
  if (input.readOnly) return { state, archivedIds, journalBytes: journal.bytes };
  // Everything read is sound: only now are torn tails cut, so a damaged file is left as it was.
  await cutTornTail(input, input.journal, 'journal');
  await cutTornTail(input, input.archive, 'archive');
  const committed = journal.lines.map((line) => ({ seq: line.seq, archived: archiveLinesOf(line, () => true), audit: line.audit }));
  // A snapshot written by the first format carried its last transaction's appends itself.
  if (!last && file.lastTx?.seq === file.seq) {
    for (const line of file.lastTx.archived) applyArchiveLine(state, archivedIds, line.kind, line.id, line.record && JSON.stringify(line.record));
    committed.push(file.lastTx);
  }
  await repairLogs(input, committed, lastArchiveSeq, archivedIds);
  return { state, archivedIds, journalBytes: journal.bytes };
}

async function readJournalOrFail(input: LoadInput, snapshotSeq: number): Promise<ReadJournal> {
  try {
    return await readJournal(input.journal, snapshotSeq);
  } catch (err) {
    if (err instanceof JournalError) throw new DataFileError(`The journal ${input.journal.path} cannot be replayed: ${err.message}; ${UNTOUCHED}`);
    throw err;
  }
}

/** A torn last line was never committed (nobody was told it happened): cut it, say so, keep its bytes. */
async function cutTornTail(input: LoadInput, log: AppendLog, what: string): Promise<string | undefined> {
  const { last, torn } = await log.repairTail();
  if (torn) {
    (input.log ?? silentLogger).warn(
      { file: log.path, offset: torn.offset, bytes: torn.bytes, copy: torn.copy },
      `cut a torn last line of the ${what} (${torn.bytes} bytes at offset ${torn.offset}, never committed); its bytes are kept in ${torn.copy}`,
    );
  }
  return last;
}

function stateFilePath(dir: string): string {
  return `${dir.replace(/\/$/, '')}/state.json`;
}

async function readStateFile(db: Low<StateFile | null>, dir: string): Promise<StateFile> {
  const path = stateFilePath(dir);
  try {
    await db.read();
  } catch (err) {
    const what = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : `cannot be read (${(err as Error).message})`;
    throw new DataFileError(`The data file ${path} ${what}; ${UNTOUCHED}`);
  }
  if (db.data === null) return emptyState();
  if (typeof db.data !== 'object' || Array.isArray(db.data)) {
    throw new DataFileError(`The data file ${path} does not hold a dayops state object; ${UNTOUCHED}`);
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(db.data as unknown as Record<string, unknown>, SCHEMA_VERSION).state;
  } catch (err) {
    if (err instanceof MigrationError) throw new DataFileError(`The data file ${path} cannot be used: ${err.message}; ${UNTOUCHED}`);
    throw err;
  }
  const parsed = stateFileSchema.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataFileError(`The data file ${path} is not valid at ${issue.path.join('.') || 'the top level'}: ${issue.message}; ${UNTOUCHED}`);
  }
  return parsed.data;
}

/** Parses and validates an archived record on first use. */
function decodeArchived(kind: string, id: string, json: string, file: string): Collections[Kind] {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    throw new DataFileError(`The archive ${file} holds a damaged ${kind} ${id}; ${UNTOUCHED}`);
  }
  return validateRecord(kind, id, record, file);
}

function validateRecord(kind: string, id: string, record: unknown, file: string): Collections[Kind] {
  const schema = RECORD_SCHEMAS[kind as Kind];
  if (!schema) throw new DataFileError(`The data file ${file} holds records of an unknown kind "${kind}"; ${UNTOUCHED}`);
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataFileError(`The data file ${file} holds an invalid ${kind} ${id}: ${issue.path.join('.') || 'record'} ${issue.message}; ${UNTOUCHED}`);
  }
  if (parsed.data.id !== id) throw new DataFileError(`The data file ${file} files the ${kind} ${parsed.data.id} under ${id}; ${UNTOUCHED}`);
  return parsed.data as Collections[Kind];
}

/**
 * `{"seq":1,"kind":"post","id":"x","record":{…}}` as the store writes it: the head is read
 * with a pattern and the record kept as text until it is used.
 */
const ARCHIVE_HEAD = /^\{"seq":(\d+),"kind":("(?:[^"\\]|\\.)*"),"id":("(?:[^"\\]|\\.)*")(?:,"record":|\}$)/;

interface RawArchiveLine {
  seq: number;
  kind: string;
  id: string;
  /** The record's JSON, absent for a removal. */
  json?: string;
}

function readArchiveLine(text: string): RawArchiveLine {
  const head = ARCHIVE_HEAD.exec(text);
  if (head && text.endsWith('}')) {
    const json = head[0].endsWith('}') ? undefined : text.slice(head[0].length, -1);
    return { seq: Number(head[1]), kind: JSON.parse(head[2]!) as string, id: JSON.parse(head[3]!) as string, json };
  }
  // Written by something other than this store (a hand edit, another tool): parse it in full.
  const line = archiveLineSchema.parse(JSON.parse(text));
  return { seq: line.seq, kind: line.kind, id: line.id, json: line.record ? JSON.stringify(line.record) : undefined };
}

async function readArchive(input: LoadInput, state: MemoryState, archivedIds: Set<string>): Promise<number> {
  let lastSeq = 0;
  await input.archive.forEach((text, n, terminated) => {
    // A last line without its newline is torn (cut later), or still being appended by the owner.
    if (!terminated) return;
    let line: RawArchiveLine;
    try {
      line = readArchiveLine(text);
    } catch {
      throw new DataFileError(`The archive ${input.archive.path} has a damaged line ${n}; ${UNTOUCHED}`);
    }
    lastSeq = Math.max(lastSeq, line.seq);
    // Lines from a transaction whose state write never happened are not part of the store.
    if (line.seq > state.seq) return;
    if (!(line.kind in RECORD_SCHEMAS)) {
      throw new DataFileError(`The archive ${input.archive.path} holds records of an unknown kind "${line.kind}" (line ${n}); ${UNTOUCHED}`);
    }
    applyArchiveLine(state, archivedIds, line.kind, line.id, line.json);
  });
  return lastSeq;
}

function applyArchiveLine(state: MemoryState, archivedIds: Set<string>, kind: string, id: string, json: string | undefined): void {
  archivedIds.add(`${kind}|${id}`);
  // Open records win: an archived record that was reopened lives in state.json.
  if (json !== undefined && state.open.get(kind)?.has(id)) return;
  state.setClosedRaw(kind, id, json);
}

interface CommittedAppends {
  seq: number;
  archived: ArchiveLine[];
  audit: AuditLine[];
}

/**
 * Appends what committed transactions should have appended to the archive and the audit log
 * when a crash, or a full disk, cut those appends short. Both logs are appended in transaction
 * order, so what is missing is what comes after the last seq each holds.
 */
async function repairLogs(input: LoadInput, committed: CommittedAppends[], lastArchiveSeq: number, archivedIds: Set<string>): Promise<void> {
  const archived = committed.filter((t) => t.seq > lastArchiveSeq).flatMap((t) => t.archived);
  if (archived.length > 0) await input.archive.append(archived);
  for (const a of archived) archivedIds.add(`${a.kind}|${a.id}`);
  const tail = await cutTornTail(input, input.audit, 'audit log');
  const lastAuditSeq = tail ? lastSeqOf(tail) : 0;
  const audit = committed.filter((t) => t.seq > lastAuditSeq).flatMap((t) => t.audit);
  if (audit.length > 0) await input.audit.append(audit);
}

function lastSeqOf(line: string): number {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : 0;
  } catch {
    return 0;
  }
}
