import type { AlertBatch } from './alert.js';
import type { Ops } from '../ops.js';
import { ingestBatch, type IngestOutcome } from './ingest.js';

interface Pending {
  batch: AlertBatch;
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Deliveries that arrive while a commit is being written share the next transaction (a group
 * commit), so a storm costs one state write per burst rather than one per delivery. Each
 * caller still hears back only after its alerts are on disk.
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
      while (this.pending.length > 0) {
        const burst = this.pending;
        this.pending = [];
        await this.commit(burst);
      }
    } finally {
      this.draining = false;
    }
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
