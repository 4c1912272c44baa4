import type { Ops } from '../ops.js';
import { LogBuffer, logPost } from './log-buffer.js';
import { note } from './notify.js';

/** Puts `fn` in the deployment's event chain, so a post waits its turn like every other event. */
export type Enqueue = (ops: Ops, id: string, fn: () => Promise<void>) => void;

/**
 * A run's output lines, gathered per deployment and posted into its thread in batches
 * (deploys.logFlushSeconds apart) and kept as its log tail.
 */
export class RunLogs {
  private readonly buffers = new Map<string, LogBuffer>();

  constructor(private readonly enqueue: Enqueue) {}

  push(ops: Ops, id: string, line: string): void {
    let buffer = this.buffers.get(id);
    if (!buffer) this.buffers.set(id, (buffer = new LogBuffer()));
    buffer.push(line);
    if (buffer.timer !== undefined) return;
    const waitMs = ops.config.deploys.logFlushSeconds * 1000;
    // The timer only schedules the post; a final status flushes at once, so no timer outlives its run.
    buffer.timer = setTimeout(() => this.enqueue(ops, id, () => this.flush(ops, id)), waitMs);
  }

  async flush(ops: Ops, id: string): Promise<void> {
    const lines = this.buffers.get(id)?.take() ?? [];
    this.buffers.delete(id);
    if (lines.length === 0) return;
    await ops.store.transact(async (tx) => {
      const d = await tx.get('deployment', id);
      if (!d) return;
      const next = { ...d, logTail: [...d.logTail, ...lines].slice(-ops.config.deploys.logTailLines) };
      await tx.put('deployment', next, { closed: d.state !== 'running' && d.state !== 'queued' });
      await note(ops, tx, next, logPost(lines));
    });
  }
}
