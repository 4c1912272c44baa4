import type { Logger } from 'pino';
import type { Emit, EngineEvent, EngineJob } from '../../../bot/deployments/engine.js';

/** One run this process is following: its job, a guarded emit and a signal that ends its loops. */
export interface ActiveRun {
  readonly job: EngineJob;
  readonly signal: AbortSignal;
  /** Set by halt, so a run that then stops is reported as halted rather than failed. */
  halting: boolean;
  readonly emit: Emit;
  readonly finished: () => boolean;
}

interface Entry {
  run: ActiveRun;
  controller: AbortController;
}

/**
 * The runs an engine instance follows, by job id. Callbacks and halts find their run here; the
 * first final status ends the run, so every run reports exactly one.
 */
export class ActiveRuns {
  private readonly runs = new Map<string, Entry>();

  constructor(private readonly log: Logger) {}

  /** Registers a run (a `follow` after a restart replaces any older entry for the same id). */
  open(job: EngineJob, emit: Emit): ActiveRun {
    this.runs.get(job.id)?.controller.abort();
    const controller = new AbortController();
    let done = false;
    const guarded: Emit = (event) => {
      if (done) return;
      if (isFinal(event)) {
        done = true;
        this.end(job.id, controller);
      }
      this.deliver(emit, event, job.id);
    };
    const run: ActiveRun = { job, signal: controller.signal, halting: false, emit: guarded, finished: () => done };
    this.runs.set(job.id, { run, controller });
    return run;
  }

  get(id: string): ActiveRun | undefined {
    return this.runs.get(id)?.run;
  }

  /** Stops following one run without an event (it ended elsewhere). */
  close(id: string): void {
    const entry = this.runs.get(id);
    if (entry) this.end(id, entry.controller);
  }

  /** Stops every loop (shutdown); the runs go on remotely and are followed again after a restart. */
  closeAll(): void {
    for (const { controller } of this.runs.values()) controller.abort();
    this.runs.clear();
  }

  private end(id: string, controller: AbortController): void {
    if (this.runs.get(id)?.controller === controller) this.runs.delete(id);
    controller.abort();
  }

  private deliver(emit: Emit, event: EngineEvent, id: string): void {
    try {
      emit(event);
    } catch (err) {
      // A failing listener is a bug on the listening side; the engine keeps following the run.
      this.log.error({ err, deployment: id }, 'deploy engine event listener threw');
    }
  }
}

export function isFinal(event: EngineEvent): boolean {
  return event.type === 'status' && event.status !== 'running';
}
