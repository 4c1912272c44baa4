import { EMPTY_HEAD, entryHash, isChained, type ChainHead } from './audit-chain.js';

/** The first place the chain does not hold, in words an auditor can act on. */
export interface ChainBreak {
  /** 1-based line of the export (or row, in log order). */
  line: number;
  /** The entry's own number, when it has one. */
  n?: number;
  reason: string;
}

export interface ChainReport {
  /** Entries that carry a link (all of them, for a log started by this dayops or later). */
  entries: number;
  /** Entries written before dayops kept a chain: readable, but not protected. */
  unchained: number;
  head: ChainHead;
  broken?: ChainBreak;
}

/**
 * Checks a log one line at a time, oldest first, and stops at the first entry that does not
 * follow from the one before it.
 */
export class ChainVerifier {
  private head: ChainHead = EMPTY_HEAD;
  private entries = 0;
  private unchained = 0;
  private broken: ChainBreak | undefined;

  /** False once the chain is broken; later lines are not looked at. */
  add(text: string, line: number): boolean {
    if (this.broken) return false;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      this.broken = { line, reason: 'the line is not valid JSON' };
      return false;
    }
    return this.addEntry(entry, line);
  }

  /** The same for an entry already parsed. */
  addEntry(entry: unknown, line: number): boolean {
    if (this.broken) return false;
    const reason = this.check(entry);
    if (reason) this.broken = { line, ...reason };
    return !this.broken;
  }

  report(): ChainReport {
    return { entries: this.entries, unchained: this.unchained, head: this.head, ...(this.broken ? { broken: this.broken } : {}) };
  }

  private check(entry: unknown): { n?: number; reason: string } | undefined {
    if (!isChained(entry)) {
      if (this.entries > 0) return { reason: `an entry without a hash follows entry ${this.head.n}: it was added or altered outside dayops` };
      this.unchained++;
      return undefined;
    }
    const { n } = entry;
    if (entryHash(entry) !== entry.hash) return { n, reason: `entry ${n} was changed after it was written: its hash does not match its content` };
    if (n !== this.head.n + 1 || entry.prev !== this.head.hash) {
      const before = this.head.n === 0 ? 'the start of the log' : `entry ${this.head.n}`;
      return { n, reason: `entry ${n} does not follow ${before}: an entry was removed, inserted or reordered, or ${before} was changed` };
    }
    this.head = { n, hash: entry.hash };
    this.entries++;
    return undefined;
  }
}

/** Checks what `each` hands over, one line at a time, numbering the lines from 1. */
export async function verifyLines(each: (visit: (line: string) => void) => Promise<unknown>): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let line = 0;
  await each((text) => void verifier.add(text, ++line));
  return verifier.report();
}

/** A held head (the database's, or a signed manifest's) the log must end at. */
export function checkEnd(report: ChainReport, head: ChainHead, whose: string): ChainReport {
  if (report.broken) return report;
  if (report.head.n === head.n && report.head.hash === head.hash) return report;
  const line = report.entries + report.unchained + 1;
  const reason =
    report.head.n < head.n
      ? `the log ends at entry ${report.head.n} but ${whose} records ${head.n}: ${head.n - report.head.n === 1 ? `entry ${head.n} was` : `entries ${report.head.n + 1} to ${head.n} were`} removed`
      : `the log does not end where ${whose} says (entry ${head.n}, ${head.hash.slice(0, 12)}…); it ends at entry ${report.head.n}`;
  return { ...report, broken: { line, reason } };
}
