import type { Collections, Kind } from './records/index.js';

type AnyRecord = Collections[Kind];

/** How one index files a record: under which keys, in which order within a key. */
export interface IndexSpec {
  keys(record: AnyRecord): string[];
  order(record: AnyRecord): string;
}

interface Entry {
  order: string;
  id: string;
}

function compare(a: Entry, b: Entry): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** First position whose entry is not below `probe`. */
function lowerBound(list: Entry[], probe: Entry): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid]!, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RangeOptions {
  /** Entries whose order is at or above this. */
  from?: string;
  /** Entries whose order is at or below this. */
  to?: string;
  newestFirst?: boolean;
  limit?: number;
}

/**
 * One secondary index over one kind's records in one state (open or closed): sorted lists of
 * ids per key, kept up to date as records change, so a query reads the ids it needs and no more.
 */
export class SortedIndex {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly filed = new Map<string, { keys: string[]; order: string }>();

  constructor(private readonly spec: IndexSpec) {}

  set(id: string, record: AnyRecord | undefined): void {
    this.delete(id);
    if (!record) return;
    const keys = [...new Set(this.spec.keys(record))];
    if (keys.length === 0) return;
    const entry = { order: this.spec.order(record), id };
    for (const key of keys) {
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      // Most records arrive in order (new ids, later times): appending is the common case.
      if (list.length === 0 || compare(list[list.length - 1]!, entry) < 0) list.push(entry);
      else list.splice(lowerBound(list, entry), 0, entry);
    }
    this.filed.set(id, { keys, order: entry.order });
  }

  delete(id: string): void {
    const was = this.filed.get(id);
    if (!was) return;
    this.filed.delete(id);
    for (const key of was.keys) {
      const list = this.byKey.get(key);
      if (!list) continue;
      const at = lowerBound(list, { order: was.order, id });
      if (list[at]?.id === id) list.splice(at, 1);
      if (list.length === 0) this.byKey.delete(key);
    }
  }

  /** Ids under `key` within the range, in order (or reversed), at most `limit`. */
  range(key: string, options: RangeOptions = {}): string[] {
    const list = this.byKey.get(key);
    if (!list) return [];
    const start = options.from === undefined ? 0 : lowerBound(list, { order: options.from, id: '' });
    const end = options.to === undefined ? list.length : lowerBound(list, { order: `${options.to}\uffff`, id: '' });
    const limit = options.limit ?? Infinity;
    const out: string[] = [];
    if (options.newestFirst) for (let i = end - 1; i >= start && out.length < limit; i--) out.push(list[i]!.id);
    else for (let i = start; i < end && out.length < limit; i++) out.push(list[i]!.id);
    return out;
  }

  /** The first id of every key (the head of each channel's queue). */
  firsts(): string[] {
    return [...this.byKey.values()].map((list) => list[0]!.id);
  }

  /** Keys starting with `prefix` (word prefixes in decision search). */
  keysStartingWith(prefix: string): string[] {
    return [...this.byKey.keys()].filter((k) => k.startsWith(prefix));
  }

  get size(): number {
    return this.filed.size;
  }
}

type Source = (kind: string) => Map<string, AnyRecord> | undefined;

/**
 * The indexes of the open and the closed records, each built on its first use (so a start reads
 * no history it does not need) and kept up to date by every commit after that.
 */
export class StateIndexes {
  private readonly built = { open: new Map<string, SortedIndex>(), closed: new Map<string, SortedIndex>() };

  constructor(
    private readonly spec: (kind: string, name: string) => IndexSpec,
    private readonly sources: { open: Source; closed: Source },
  ) {}

  get(kind: string, name: string, which: 'open' | 'closed'): SortedIndex {
    const id = `${kind}|${name}`;
    let index = this.built[which].get(id);
    if (!index) {
      index = new SortedIndex(this.spec(kind, name));
      for (const [recordId, record] of this.sources[which](kind) ?? []) index.set(recordId, record);
      this.built[which].set(id, index);
    }
    return index;
  }

  /** A committed change: the record is now open, closed, or (undefined) gone. */
  apply(kind: string, id: string, record: AnyRecord | undefined, closed: boolean): void {
    for (const which of ['open', 'closed'] as const) {
      const belongs = record !== undefined && closed === (which === 'closed');
      for (const [key, index] of this.built[which]) if (key.startsWith(`${kind}|`)) index.set(id, belongs ? record : undefined);
    }
  }
}
