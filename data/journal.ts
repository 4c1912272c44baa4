import { z } from 'zod';
import type { Change } from './memory-state.js';
import type { Collections, Kind } from './records/index.js';
import { auditLineSchema, type ArchiveLine, type AuditLine } from './state-file.js';

/**
 * One committed transaction in journal.jsonl: what changed, the counters it moved and the
 * audit events it wrote. Appending this line is the commit; state.json is a snapshot that is
 * rewritten now and then (compaction), so a write costs the size of the change, not of the state.
 */
export const journalLineSchema = z.object({
  seq: z.number().int().positive(),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  changes: z.array(
    z.object({
      kind: z.string(),
      id: z.string(),
      /** Null for a removal. */
      record: z.record(z.string(), z.unknown()).nullable(),
      closed: z.boolean(),
    }),
  ),
  audit: z.array(auditLineSchema),
});

export type JournalLine = z.infer<typeof journalLineSchema>;

export function journalLine(seq: number, changes: Map<string, Map<string, Change>>, counters: Record<string, number>, audit: AuditLine[]): JournalLine {
  const out: JournalLine['changes'] = [];
  for (const [kind, byId] of changes) {
    for (const [id, change] of byId) out.push({ kind, id, record: change ? (change.record as Record<string, unknown>) : null, closed: change?.closed ?? false });
  }
  return { seq, counters, changes: out, audit };
}

/** The journal line's changes in the shape MemoryState.apply takes. */
export function changesOf(line: JournalLine, validate: (kind: string, id: string, record: unknown) => Collections[Kind]): Map<string, Map<string, Change>> {
  const changes = new Map<string, Map<string, Change>>();
  for (const c of line.changes) {
    let byId = changes.get(c.kind);
    if (!byId) {
      byId = new Map();
      changes.set(c.kind, byId);
    }
    byId.set(c.id, c.record ? { record: validate(c.kind, c.id, c.record), closed: c.closed } : null);
  }
  return changes;
}

/**
 * The archive lines a transaction appends: closed records, and removals (so an archived copy
 * does not come back on the next load). `wasArchived` limits removals to ids the archive holds.
 */
export function archiveLinesOf(line: JournalLine, wasArchived: (kind: string, id: string) => boolean): ArchiveLine[] {
  const out: ArchiveLine[] = [];
  for (const c of line.changes) {
    if (c.record && c.closed) out.push({ seq: line.seq, kind: c.kind, id: c.id, record: c.record });
    else if (!c.record && wasArchived(c.kind, c.id)) out.push({ seq: line.seq, kind: c.kind, id: c.id });
  }
  return out;
}
