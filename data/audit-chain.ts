import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEvent } from './store.js';

/** The `prev` of the first entry: no entry came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An audit event as it is kept: its place in the log (`n`, from 1), the hash of the entry
 * before it, and its own hash, SHA-256 over the RFC 8785 canonical JSON of everything else.
 * Changing, removing or reordering any entry breaks every link after it.
 */
export interface ChainedAuditEvent extends AuditEvent {
  n: number;
  prev: string;
  hash: string;
}

export interface ChainHead {
  n: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { n: 0, hash: GENESIS_HASH };

/** The hash an entry must carry: over the entry without its `hash` field. */
export function entryHash(entry: Omit<ChainedAuditEvent, 'hash'> & { hash?: unknown }): string {
  const { hash: _hash, ...body } = entry;
  return createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
}

/** Links events onto the chain after `head`; returns the linked entries and the new head. */
export function linkEvents(head: ChainHead, events: readonly AuditEvent[]): { entries: ChainedAuditEvent[]; head: ChainHead } {
  let { n, hash } = head;
  const entries = events.map((event) => {
    const body = { ...plainEvent(event), n: ++n, prev: hash };
    hash = entryHash(body);
    return { ...body, hash };
  });
  return { entries, head: { n, hash } };
}

/** The head a stored entry leaves the chain at; the empty head for an entry from before the chain. */
export function headOf(entry: unknown): ChainHead | undefined {
  if (!isChained(entry)) return undefined;
  return { n: entry.n, hash: entry.hash };
}

export function isChained(entry: unknown): entry is ChainedAuditEvent {
  const e = entry as Partial<ChainedAuditEvent> | null;
  return typeof e === 'object' && e !== null && typeof e.n === 'number' && typeof e.prev === 'string' && typeof e.hash === 'string';
}

/** The event without chain fields or the store's own bookkeeping (the embedded store's `seq`). */
export function plainEvent(entry: AuditEvent & { n?: unknown; prev?: unknown; hash?: unknown; seq?: unknown }): AuditEvent {
  const { n: _n, prev: _prev, hash: _hash, seq: _seq, ...event } = entry;
  return event;
}
