import type { IndexSpec } from './memory-index.js';
import { idOrder, searchWords } from './queries.js';
import type { Collections, Kind } from './records/index.js';

type Spec<K extends Kind> = { keys(record: Collections[K]): string[]; order(record: Collections[K]): string };
type Specs = { [K in Kind]?: Record<string, Spec<K>> };

const one = (key: string | undefined): string[] => (key === undefined ? [] : [key]);
const all = (): string[] => [''];
const seq = (n: number): string => String(n).padStart(15, '0');

/** The embedded store's secondary indexes, per kind: what the named queries read. */
export const INDEX_SPECS = {
  deployment: {
    all: { keys: all, order: (d) => idOrder(d.id) },
    service: { keys: (d) => [d.service], order: (d) => idOrder(d.id) },
    line: { keys: (d) => [`${d.service}|${d.env}`], order: (d) => idOrder(d.id) },
    changed: { keys: all, order: (d) => d.updatedAt },
  },
  outbox: {
    channel: { keys: (r) => [r.channel], order: (r) => seq(r.seq) },
    key: { keys: (r) => [r.key], order: (r) => seq(r.seq) },
    thread: { keys: (r) => one(r.thread), order: (r) => seq(r.seq) },
  },
  job: {
    due: { keys: all, order: (j) => j.dueAt },
    type: { keys: (j) => [j.type], order: (j) => j.dueAt },
  },
  alertGroup: {
    all: { keys: all, order: (g) => `${g.openedAt}|${idOrder(g.id)}` },
    groupKey: { keys: (g) => [`${g.source}|${g.groupKey}`], order: (g) => g.openedAt },
    fingerprint: { keys: (g) => Object.keys(g.alerts), order: (g) => `${g.openedAt}|${idOrder(g.id)}` },
    service: { keys: (g) => one(g.service), order: (g) => `${g.openedAt}|${idOrder(g.id)}` },
    silence: { keys: (g) => one(g.silence), order: (g) => idOrder(g.id) },
    mutedBy: { keys: (g) => one(g.mutedBy), order: (g) => idOrder(g.id) },
    changed: { keys: all, order: (g) => g.resolvedAt ?? g.updatedAt },
  },
  incident: {
    all: { keys: all, order: (i) => idOrder(i.id) },
    declared: { keys: all, order: (i) => i.declaredAt },
    resolved: { keys: (i) => (i.resolvedAt ? [''] : []), order: (i) => i.resolvedAt ?? '' },
  },
  decision: {
    all: { keys: all, order: (d) => idOrder(d.id) },
    status: { keys: (d) => [d.status], order: (d) => idOrder(d.id) },
    word: { keys: (d) => searchWords([d.title, d.context ?? '', d.outcome ?? ''].join(' ')), order: (d) => idOrder(d.id) },
  },
} satisfies Specs;

export type IndexedKind = keyof typeof INDEX_SPECS;
export type IndexName<K extends IndexedKind> = keyof (typeof INDEX_SPECS)[K] & string;

export function specOf(kind: IndexedKind, name: string): IndexSpec {
  return (INDEX_SPECS[kind] as Record<string, IndexSpec>)[name]!;
}
