import type { AppendLog } from './append-log.js';
import { plainEvent } from './audit-chain.js';
import type { AuditEvent, AuditQuery } from './store.js';

function toEvent(line: string): (AuditEvent & { seq?: number }) | undefined {
  try {
    return JSON.parse(line) as AuditEvent & { seq?: number };
  } catch {
    return undefined;
  }
}

function matches(event: AuditEvent, query: AuditQuery): boolean {
  if (query.actor && event.actor.person !== query.actor && event.actor.userId !== query.actor) return false;
  if (query.target && event.target !== query.target) return false;
  if (query.since && event.time < query.since) return false;
  return true;
}

/** Newest first, at most `limit` (default 50); reads the log as a stream. */
export async function queryAuditLog(log: AppendLog, query: AuditQuery): Promise<AuditEvent[]> {
  const limit = query.limit ?? 50;
  const ring: AuditEvent[] = [];
  await log.forEach((line) => {
    const event = toEvent(line);
    if (!event || !matches(event, query)) return;
    ring.push(plainEvent(event));
    if (ring.length > limit) ring.shift();
  });
  return ring.reverse();
}

/** Every entry as written, chain fields included, without the store's transaction number. */
export async function exportAuditLog(log: AppendLog, write: (line: string) => void | Promise<void>): Promise<number> {
  let n = 0;
  await log.forEach(async (line) => {
    const event = toEvent(line);
    if (!event) return;
    await write(JSON.stringify(stripSeq(event)));
    n++;
  });
  return n;
}

function stripSeq(event: AuditEvent & { seq?: number }): AuditEvent {
  const { seq: _seq, ...rest } = event;
  return rest;
}
