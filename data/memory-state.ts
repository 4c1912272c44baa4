import { StateIndexes } from './memory-index.js';
import { INDEX_SPECS, specOf, type IndexedKind } from './memory-index-specs.js';
import type { Collections, Kind } from './records/index.js';

type AnyRecord = Collections[Kind];

/** A staged change: the new record and whether it is closed, or null for a removal. */
export type Change = { record: AnyRecord; closed: boolean } | null;

/**
 * The store's records in memory: open ones (written to state.json on every change) and
 * closed ones (history, appended to archive.jsonl once). A record lives in exactly one map.
 */
export class MemoryState {
  readonly open = new Map<string, Map<string, AnyRecord>>();
  readonly closed = new Map<string, Map<string, AnyRecord>>();
  /**
   * Archived records as their JSON text: a start with a long history costs a file read, not a
   * hundred thousand parses. A record looked up by id is parsed each time and stays text (most
   * history — delivered messages, answered inputs — is only ever looked up); a kind that is
   * listed is parsed once and kept parsed, since listing it will come again.
   */
  readonly closedRaw = new Map<string, Map<string, string>>();
  counters: Record<string, number> = {};
  seq = 0;
  /** Secondary indexes the named queries read (data/memory-queries.ts). */
  readonly indexes = new StateIndexes((kind, name) => specOf(kind as IndexedKind, name), {
    open: (kind) => this.open.get(kind),
    closed: (kind) => this.closedOf(kind),
  });

  constructor(private readonly decode: (kind: string, id: string, json: string) => AnyRecord = defaultDecode) {}

  get(kind: string, id: string): AnyRecord | undefined {
    return this.open.get(kind)?.get(id) ?? this.closed.get(kind)?.get(id) ?? this.parseRaw(kind, id, false);
  }

  /** Every closed record of a kind, parsed. */
  closedOf(kind: string): Map<string, AnyRecord> | undefined {
    const raw = this.closedRaw.get(kind);
    if (raw) for (const id of [...raw.keys()]) this.parseRaw(kind, id, true);
    return this.closed.get(kind);
  }

  setClosedRaw(kind: string, id: string, json: string | undefined): void {
    this.closed.get(kind)?.delete(id);
    let raw = this.closedRaw.get(kind);
    if (json === undefined) return void raw?.delete(id);
    if (!raw) {
      raw = new Map();
      this.closedRaw.set(kind, raw);
    }
    raw.set(id, json);
  }

  private parseRaw(kind: string, id: string, keep: boolean): AnyRecord | undefined {
    const raw = this.closedRaw.get(kind);
    const json = raw?.get(id);
    if (json === undefined) return undefined;
    const record = this.decode(kind, id, json);
    if (keep) {
      raw!.delete(id);
      this.mapOf('closed', kind).set(id, record);
    }
    return record;
  }

  mapOf(which: 'open' | 'closed', kind: string): Map<string, AnyRecord> {
    const maps = which === 'open' ? this.open : this.closed;
    let map = maps.get(kind);
    if (!map) {
      map = new Map();
      maps.set(kind, map);
    }
    return map;
  }

  /** Applies one transaction's changes; they were written to disk first. */
  apply(changes: Map<string, Map<string, Change>>): void {
    for (const [kind, byId] of changes) {
      const open = this.mapOf('open', kind);
      const closed = this.mapOf('closed', kind);
      for (const [id, change] of byId) {
        open.delete(id);
        closed.delete(id);
        this.closedRaw.get(kind)?.delete(id);
        if (kind in INDEX_SPECS) this.indexes.apply(kind, id, change?.record, change?.closed ?? false);
        if (!change) continue;
        // A record closed now is kept as text too, unless its kind is already kept parsed.
        if (!change.closed) open.set(id, change.record);
        else if (closed.size > 0) closed.set(id, change.record);
        else this.setClosedRaw(kind, id, JSON.stringify(change.record));
      }
    }
  }

  /** The open records as they will be after `changes`, as plain objects for state.json. */
  openRecordsAfter(changes: Map<string, Map<string, Change>>): Record<string, Record<string, AnyRecord>> {
    const out: Record<string, Record<string, AnyRecord>> = {};
    const kinds = new Set([...this.open.keys(), ...changes.keys()]);
    for (const kind of kinds) {
      const byId = changes.get(kind);
      const current = this.open.get(kind);
      const records: Record<string, AnyRecord> = {};
      if (current) for (const [id, record] of current) if (!byId?.has(id)) records[id] = record;
      if (byId) for (const [id, change] of byId) if (change && !change.closed) records[id] = change.record;
      if (Object.keys(records).length > 0) out[kind] = records;
    }
    return out;
  }
}

function defaultDecode(_kind: string, _id: string, json: string): AnyRecord {
  return JSON.parse(json) as AnyRecord;
}
