import type { RangeOptions } from './memory-index.js';
import { specOf, type IndexedKind, type IndexName } from './memory-index-specs.js';
import type { Change, MemoryState } from './memory-state.js';
import { idOrder, searchWords, type DecisionSearch, type QueryName, type QueryParams, type QueryResult } from './queries.js';
import type { Collections } from './records/index.js';
import type { DecisionRecord } from './records/decision.js';

/** The committed state and, inside a transaction, its staged changes (which its queries see). */
export interface QueryContext {
  state: MemoryState;
  staged: Map<string, Map<string, Change>>;
}

interface Lookup<K extends IndexedKind> {
  index: IndexName<K>;
  key?: string;
  state: 'open' | 'closed' | 'all';
  range?: RangeOptions;
  match?: (record: Collections[K]) => boolean;
}

/** Reads one index range, overlaid with the transaction's staged changes. */
function find<K extends IndexedKind>(ctx: QueryContext, kind: K, l: Lookup<K>): Collections[K][] {
  const spec = specOf(kind, l.index);
  const key = l.key ?? '';
  const staged = ctx.staged.get(kind);
  const match = l.match ?? (() => true);
  const limit = l.range?.limit;
  // A limit can be applied in the index only when every entry it yields counts.
  const { limit: _, ...unlimited } = l.range ?? {};
  const widened = limit === undefined || l.match ? unlimited : { ...unlimited, limit: limit + (staged?.size ?? 0) };
  const out: Collections[K][] = [];
  for (const which of l.state === 'all' ? (['open', 'closed'] as const) : [l.state]) {
    for (const id of ctx.state.indexes.get(kind, l.index, which).range(key, widened)) {
      if (staged?.has(id)) continue;
      const record = ctx.state.get(kind, id) as Collections[K] | undefined;
      if (record && match(record)) out.push(record);
    }
  }
  for (const change of staged?.values() ?? []) {
    if (!change || (l.state !== 'all' && change.closed !== (l.state === 'closed'))) continue;
    const record = change.record as Collections[K];
    const order = spec.order(record);
    const inRange = (l.range?.from === undefined || order >= l.range.from) && (l.range?.to === undefined || order <= l.range.to);
    if (inRange && spec.keys(record).includes(key) && match(record)) out.push(record);
  }
  const ordered = out
    .map((record) => ({ record, order: spec.order(record) }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
    .map((e) => e.record);
  if (l.range?.newestFirst) ordered.reverse();
  return limit === undefined ? ordered : ordered.slice(0, limit);
}

function decisions(ctx: QueryContext, p: DecisionSearch): DecisionRecord[] {
  const words = searchWords(p.text ?? '');
  const haystack = (d: DecisionRecord) => searchWords([d.title, d.context ?? '', d.outcome ?? ''].join(' '));
  const match = (d: DecisionRecord) => {
    if (p.category && d.category !== p.category) return false;
    if (p.status && d.status !== p.status) return false;
    if (p.service && d.service !== undefined && d.service !== p.service) return false;
    const own = haystack(d);
    return words.every((w) => own.some((o) => o.startsWith(w)));
  };
  if (words.length === 0 && p.status) return find(ctx, 'decision', { index: 'status', key: p.status, state: 'all', match });
  if (words.length === 0) return find(ctx, 'decision', { index: 'all', state: 'all', match });
  // The rarest-looking word (the longest) narrows the candidates; `match` checks the rest.
  const probe = [...words].sort((a, b) => b.length - a.length)[0]!;
  const seen = new Map<string, DecisionRecord>();
  for (const which of ['open', 'closed'] as const) {
    for (const key of ctx.state.indexes.get('decision', 'word', which).keysStartingWith(probe)) {
      for (const d of find(ctx, 'decision', { index: 'word', key, state: which, match })) seen.set(d.id, d);
    }
  }
  for (const change of ctx.staged.get('decision')?.values() ?? []) {
    if (change && match(change.record as DecisionRecord)) seen.set(change.record.id, change.record as DecisionRecord);
  }
  return byId([...seen.values()]);
}

function byId<R extends { id: string }>(records: R[]): R[] {
  return records.sort((a, b) => (idOrder(a.id) < idOrder(b.id) ? -1 : idOrder(a.id) > idOrder(b.id) ? 1 : 0));
}

type Impl = { [Q in QueryName]: (ctx: QueryContext, p: QueryParams<Q>) => QueryResult<Q> };

/** The embedded store's answer to every named query. */
export const MEMORY_QUERIES: Impl = {
  'deployment.active': (ctx, p) => find(ctx, 'deployment', { index: 'line', key: `${p.service}|${p.env}`, state: 'open', range: { limit: 1 } })[0],
  'deployment.open': (ctx, p) => find(ctx, 'deployment', { index: 'all', state: 'open', match: (d) => p.env === undefined || d.env === p.env }),
  'deployment.history': (ctx, p) => {
    const range = { newestFirst: true, ...(p.limit === undefined ? {} : { limit: p.limit }) };
    if (p.service === undefined) return find(ctx, 'deployment', { index: 'all', state: 'all', range, ...(p.env === undefined ? {} : { match: (d) => d.env === p.env }) });
    if (p.env === undefined) return find(ctx, 'deployment', { index: 'service', key: p.service, state: 'all', range });
    return find(ctx, 'deployment', { index: 'line', key: `${p.service}|${p.env}`, state: 'all', range });
  },
  'deployment.changedSince': (ctx, p) => find(ctx, 'deployment', { index: 'changed', state: 'all', range: { from: p.since } }),
  'outbox.heads': (ctx) => {
    const channels = new Set<string>();
    for (const id of ctx.state.indexes.get('outbox', 'channel', 'open').firsts()) channels.add((ctx.state.get('outbox', id) as Collections['outbox']).channel);
    for (const change of ctx.staged.get('outbox')?.values() ?? []) if (change) channels.add((change.record as Collections['outbox']).channel);
    return [...channels].flatMap((channel) => find(ctx, 'outbox', { index: 'channel', key: channel, state: 'open', range: { limit: 1 } }));
  },
  'outbox.byKey': (ctx, p) => find(ctx, 'outbox', { index: 'key', key: p.key, state: 'open' }),
  'outbox.inThread': (ctx, p) => find(ctx, 'outbox', { index: 'thread', key: p.thread, state: 'open', range: p.limit === undefined ? {} : { limit: p.limit } }),
  'outbox.depth': (ctx) => {
    let n = ctx.state.open.get('outbox')?.size ?? 0;
    for (const [id, change] of ctx.staged.get('outbox') ?? []) n += (change && !change.closed ? 1 : 0) - (ctx.state.open.get('outbox')?.has(id) ? 1 : 0);
    return n;
  },
  'job.schedule': (ctx) => find(ctx, 'job', { index: 'due', state: 'open' }).map((j) => ({ id: j.id, dueAt: j.dueAt })),
  'job.due': (ctx, p) => find(ctx, 'job', { index: 'due', state: 'open', range: { to: p.until, limit: p.limit } }),
  'job.ofType': (ctx, p) => find(ctx, 'job', { index: 'type', key: p.type, state: 'open' }),
  'alertGroup.byGroupKey': (ctx, p) => find(ctx, 'alertGroup', { index: 'groupKey', key: `${p.source}|${p.groupKey}`, state: 'open', range: { limit: 1 } })[0],
  'alertGroup.byFingerprint': (ctx, p) => find(ctx, 'alertGroup', { index: 'fingerprint', key: p.fingerprint, state: 'open' }),
  'alertGroup.open': (ctx, p) => {
    const match = (g: Collections['alertGroup']) => p.status === undefined || g.status === p.status;
    if (p.service === undefined) return find(ctx, 'alertGroup', { index: 'all', state: 'open', match });
    return find(ctx, 'alertGroup', { index: 'service', key: p.service, state: 'open', match });
  },
  'alertGroup.bySilence': (ctx, p) => find(ctx, 'alertGroup', { index: 'silence', key: p.silence, state: 'open' }),
  'alertGroup.mutedBy': (ctx, p) => find(ctx, 'alertGroup', { index: 'mutedBy', key: p.window, state: 'open' }),
  'alertGroup.openedSince': (ctx, p) => find(ctx, 'alertGroup', { index: 'all', state: p.openOnly ? 'open' : 'all', range: { from: p.since }, match: (g) => p.channel === undefined || g.channels[0] === p.channel }),
  'alertGroup.closedSince': (ctx, p) => find(ctx, 'alertGroup', { index: 'changed', state: 'closed', range: { from: p.since }, match: (g) => p.service === undefined || g.service === p.service }),
  'incident.open': (ctx) => find(ctx, 'incident', { index: 'all', state: 'open', match: (i) => i.status === 'open' }),
  'incident.history': (ctx, p) => find(ctx, 'incident', { index: 'all', state: 'all', range: { newestFirst: true, ...(p.limit === undefined ? {} : { limit: p.limit }) } }),
  'incident.since': (ctx, p) => {
    const found = new Map<string, Collections['incident']>();
    for (const i of find(ctx, 'incident', { index: 'all', state: 'open', match: (x) => x.status === 'open' })) found.set(i.id, i);
    for (const i of find(ctx, 'incident', { index: 'declared', state: 'all', range: { from: p.since } })) found.set(i.id, i);
    for (const i of find(ctx, 'incident', { index: 'resolved', state: 'all', range: { from: p.since } })) found.set(i.id, i);
    return byId([...found.values()]);
  },
  'decision.search': decisions,
};
