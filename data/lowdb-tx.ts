import type { Collections, Kind } from './records/index.js';
import type { Change, MemoryState } from './memory-state.js';
import { MEMORY_QUERIES } from './memory-queries.js';
import type { AuditEvent, ListedKind, ListOptions, PutOptions, QueryName, QueryParams, QueryResult, ScanTx, Tx } from './store.js';

/**
 * One transaction over the in-memory state: reads see its own staged changes; nothing is
 * visible to others until the store has written it to disk and applied it.
 */
export class LowdbTx implements Tx, ScanTx {
  readonly changes = new Map<string, Map<string, Change>>();
  readonly counters: Record<string, number> = {};
  readonly auditEvents: AuditEvent[] = [];
  readonly afterCommitHooks: (() => void)[] = [];

  constructor(private readonly state: MemoryState) {}

  async get<K extends Kind>(kind: K, id: string): Promise<Collections[K] | undefined> {
    const staged = this.changes.get(kind)?.get(id);
    if (staged !== undefined) return (staged?.record as Collections[K] | undefined) ?? undefined;
    return this.state.get(kind, id) as Collections[K] | undefined;
  }

  async query<Q extends QueryName>(name: Q, params: QueryParams<Q>): Promise<QueryResult<Q>> {
    const run = MEMORY_QUERIES[name] as (ctx: { state: MemoryState; staged: Map<string, Map<string, Change>> }, p: QueryParams<Q>) => QueryResult<Q>;
    return run({ state: this.state, staged: this.changes }, params);
  }

  list<K extends ListedKind>(kind: K, options: ListOptions<Collections[K]> = {}): Promise<Collections[K][]> {
    return this.scan(kind, options);
  }

  async scan<K extends Kind>(kind: K, options: ListOptions<Collections[K]> = {}): Promise<Collections[K][]> {
    const which = options.state ?? 'open';
    const staged = this.changes.get(kind);
    const out: Collections[K][] = [];
    const consider = (record: Collections[K]) => {
      if (!options.where || options.where(record)) out.push(record);
    };
    for (const source of which === 'all' ? (['open', 'closed'] as const) : [which]) {
      const map = source === 'open' ? this.state.open.get(kind) : this.state.closedOf(kind);
      if (!map) continue;
      // Without staged changes, values alone: a long history is walked without an array per entry.
      if (!staged) for (const record of map.values()) consider(record as Collections[K]);
      else for (const [id, record] of map) if (!staged.has(id)) consider(record as Collections[K]);
    }
    if (staged) {
      for (const change of staged.values()) {
        if (!change) continue;
        const state = change.closed ? 'closed' : 'open';
        if (which === 'all' || which === state) consider(change.record as Collections[K]);
      }
    }
    return out;
  }

  async put<K extends Kind>(kind: K, record: Collections[K], options: PutOptions = {}): Promise<void> {
    this.stage(kind).set(record.id, { record: structuredClone(record), closed: options.closed ?? false });
  }

  async remove<K extends Kind>(kind: K, id: string): Promise<void> {
    this.stage(kind).set(id, null);
  }

  async nextNumber(counter: string): Promise<number> {
    const next = (this.counters[counter] ?? this.state.counters[counter] ?? 0) + 1;
    this.counters[counter] = next;
    return next;
  }

  audit(event: AuditEvent): void {
    this.auditEvents.push(event);
  }

  afterCommit(fn: () => void): void {
    this.afterCommitHooks.push(fn);
  }

  get isEmpty(): boolean {
    return this.changes.size === 0 && Object.keys(this.counters).length === 0 && this.auditEvents.length === 0;
  }

  private stage(kind: string): Map<string, Change> {
    let map = this.changes.get(kind);
    if (!map) {
      map = new Map();
      this.changes.set(kind, map);
    }
    return map;
  }
}
