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
  counters: Record<string, number> = {};
  seq = 0;

  get(kind: string, id: string): AnyRecord | undefined {
    return this.open.get(kind)?.get(id) ?? this.closed.get(kind)?.get(id);
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
        if (change) (change.closed ? closed : open).set(id, change.record);
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
