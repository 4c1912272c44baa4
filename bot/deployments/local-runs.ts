import type { EngineJob, EngineRef } from './engine.js';
import type { Ops } from '../ops.js';
import type { EngineRegistry } from './engines.js';

export type RunPhase = 'pre-deploy' | 'deploy';

interface LocalRun {
  job: EngineJob;
  ref: EngineRef;
  phase: RunPhase;
  end?: () => void;
}

/**
 * Runs this process started, so a halt recorded by another replica reaches them (shared store):
 * the replica running a script reads its runs' records every poll and stops those no longer
 * running. (Remote engines are halted through their API by whichever replica records the halt.)
 */
export class LocalRuns {
  private readonly runs = new Map<string, LocalRun>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly engines: EngineRegistry,
    /** Runs one poll; a failure is logged by the caller and the next poll tries again. */
    private readonly safely: (ops: Ops, id: string, fn: () => Promise<void>) => Promise<void>,
  ) {}

  has(id: string): boolean {
    return this.runs.has(id);
  }

  /** Halted here: the watch must not signal it a second time, when its pid may be reused. */
  forget(id: string): void {
    this.runs.delete(id);
  }

  watch(ops: Ops, run: LocalRun): void {
    if (!ops.store.claim || (run.job.spec.type !== 'script' && run.job.spec.type !== 'webhook')) return;
    this.runs.set(run.job.id, run);
    this.timer ??= setInterval(() => void this.safely(ops, run.job.id, () => this.check(ops)), ops.store.pollMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(ops: Ops): Promise<void> {
    for (const [id, run] of [...this.runs]) {
      const d = await ops.store.read((tx) => tx.get('deployment', id));
      if (d?.state === 'running' && d.engine?.phase === run.phase) continue;
      this.runs.delete(id);
      if (run.job.spec.type === 'webhook') {
        // It moved on through a callback another replica took: stop waiting for its events here.
        this.engines.get('webhook')?.forget?.(id);
        run.end?.();
      } else if (!d || d.state === 'halted') await this.engines.get(run.job.spec.type)?.halt(run.job, run.ref);
    }
    if (this.runs.size === 0) this.stop();
  }
}
