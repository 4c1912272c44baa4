import type { AppendLog } from './append-log.js';
import { journalLineSchema, type JournalLine } from './journal.js';

/** A journal that cannot be replayed; the caller names the file and what to do. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

export interface ReadJournal {
  lines: JournalLine[];
  /** The bytes of the committed lines, so the store knows when to compact. */
  bytes: number;
  /** The line number of a torn last line (no newline: the process died mid-append), if any. */
  tornLine?: number;
}

/**
 * The transactions committed after the snapshot, oldest first, read without changing the file.
 * A line is committed once its newline is written: a last line without one is torn and left
 * for the caller to cut; a damaged line before it stops the replay, naming its number.
 */
export async function readJournal(journal: AppendLog, snapshotSeq: number): Promise<ReadJournal> {
  const lines: JournalLine[] = [];
  let bytes = 0;
  let tornLine: number | undefined;
  await journal.forEach((text, n, terminated) => {
    if (!terminated) {
      tornLine = n;
      return;
    }
    bytes += Buffer.byteLength(text) + 1;
    let line: JournalLine;
    try {
      line = journalLineSchema.parse(JSON.parse(text));
    } catch {
      throw new JournalError(`line ${n} is damaged`);
    }
    // Lines at or before the snapshot were compacted into it; the truncation after that was cut short.
    if (line.seq <= snapshotSeq) return;
    const previous = lines.at(-1)?.seq ?? snapshotSeq;
    if (line.seq !== previous + 1) throw new JournalError(`line ${n} has transaction ${line.seq} where ${previous + 1} was expected`);
    lines.push(line);
  });
  return { lines, bytes, tornLine };
}
