import type { AlertBatch } from './alert.js';
import type { Ops } from '../ops.js';
import { ingestBatch, type IngestOutcome } from './ingest.js';

interface Pending {
  batch: AlertBatch;
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (err: unknown) => void;
}

/**
 * At most this many alerts go into one transaction. A command that arrives during a storm
 * queues behind the slice being written, not behind the whole storm.
 */
export const SLICE_ALERTS = 100;

/**
 * Deliveries that arrive while a commit is being written share the next transaction (a group
 * commit) up to a slice of SLICE_ALERTS alerts, so a storm costs one state write per slice rather
 * than one per delivery. Each caller still hears back only after its alerts are on disk.
 */
export class IngestQueue {
  private pending: Pending[] = [];
  private draining = false;

  constructor(private readonly ops: Ops) {}

  submit(batch: AlertBatch): Promise<IngestOutcome[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) await this.commit(this.nextSlice());
    } finally {
      this.draining = false;
    }
  }

  /** Deliveries from the front of the queue up to a slice's worth of alerts (always at least one). */
  private nextSlice(): Pending[] {
    let alerts = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || alerts + this.pending[n]!.batch.alerts.length <= SLICE_ALERTS)) alerts += this.pending[n++]!.batch.alerts.length;
    return this.pending.splice(0, n);
  }

  private async commit(burst: Pending[]): Promise<void> {
    try {
      const results = await this.ops.store.transact(async (tx) => {
        const out: IngestOutcome[][] = [];
        for (const p of burst) out.push(await ingestBatch(this.ops, tx, p.batch, this.ops.clock.now()));
        return out;
      });
      burst.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (burst.length === 1) return burst[0]!.reject(err);
      // One bad delivery must not fail the others: retry each on its own.
      for (const p of burst) await this.commit([p]);
    }
  }
}
