import { z } from 'zod';

/** The version this code writes. Older files are migrated on load; newer ones are refused. */
export const SCHEMA_VERSION = 1;

export const auditLineSchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  actor: z.object({ platform: z.string(), userId: z.string(), person: z.string().optional() }),
  platform: z.string(),
  action: z.string(),
  target: z.string().optional(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  summary: z.string(),
  /** The hash chain (data/audit-chain.ts); absent on entries written before it existed. */
  n: z.number().int().positive().optional(),
  prev: z.string().optional(),
  hash: z.string().optional(),
});

export const archiveLineSchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  id: z.string(),
  /** Absent for a removal. */
  record: z.record(z.string(), z.unknown()).optional(),
});

/**
 * state.json: the hot state, rewritten on every change, so it holds only what is open.
 * `lastTx` repeats what the last transaction appended to the logs, so a crash between the
 * state write and the appends is repaired on the next start.
 */
export const stateFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  seq: z.number().int().nonnegative(),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  records: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  lastTx: z
    .object({
      seq: z.number().int(),
      audit: z.array(auditLineSchema),
      archived: z.array(archiveLineSchema),
    })
    .optional(),
});

export type StateFile = z.infer<typeof stateFileSchema>;
export type AuditLine = z.infer<typeof auditLineSchema>;
export type ArchiveLine = z.infer<typeof archiveLineSchema>;

export function emptyState(): StateFile {
  return { schemaVersion: SCHEMA_VERSION, seq: 0, counters: {}, records: {} };
}
