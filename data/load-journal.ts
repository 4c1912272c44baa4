import type { AppendLog } from './append-log.js';
import { journalLineSchema, type JournalLine } from './journal.js';

/** A journal that cannot be replayed; the caller names the file and what to do. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/**
 * The transactions committed after the snapshot, oldest first. A torn last line (the process
 * died mid-append) was never committed: it is cut off, or, when only reading, skipped.
 */
export async function readJournal(journal: AppendLog, snapshotSeq: number, readOnly: boolean): Promise<{ lines: JournalLine[]; bytes: number }> {
  if (!readOnly) await journal.repairTail();
  const lines: JournalLine[] = [];
  let bytes = 0;
  let torn: number | undefined;
  await journal.forEach((text, n) => {
    if (torn !== undefined) throw new JournalError(`line ${torn} is damaged`);
    bytes += Buffer.byteLength(text) + 1;
    let line: JournalLine;
    try {
      line = journalLineSchema.parse(JSON.parse(text));
    } catch {
      if (!readOnly) throw new JournalError(`line ${n} is damaged`);
      torn = n;
      return;
    }
    // Lines at or before the snapshot were compacted into it; the truncation after that was cut short.
    if (line.seq <= snapshotSeq) return;
    const previous = lines.at(-1)?.seq ?? snapshotSeq;
    if (line.seq !== previous + 1) throw new JournalError(`line ${n} has transaction ${line.seq} where ${previous + 1} was expected`);
    lines.push(line);
  });
  return { lines, bytes };
}
