/**
 * Work the bot has started and not finished (a running deployment, a runbook), so the piped
 * shell and a graceful shutdown can wait for it to settle.
 */
export class Activity {
  private readonly running = new Set<Promise<unknown>>();
  private waiters: (() => void)[] = [];
  private readonly onLeave = new Set<() => void>();
  private leaving = false;

  /** True once the process has stopped following long-running work (shutdown after the settle time). */
  get left(): boolean {
    return this.leaving;
  }

  /**
   * Work that waits on something outside the process (a script's end) registers how to stop
   * waiting: at shutdown it is left as it is in the store, as a SIGKILL would leave it, and the
   * next start follows it up. Returns the unregistration.
   */
  untilLeave(stopWaiting: () => void): () => void {
    if (this.leaving) {
      stopWaiting();
      return () => {};
    }
    this.onLeave.add(stopWaiting);
    return () => this.onLeave.delete(stopWaiting);
  }

  leave(): void {
    this.leaving = true;
    for (const stop of [...this.onLeave]) stop();
    this.onLeave.clear();
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => {
      this.running.delete(work);
      if (this.running.size === 0) this.wake();
    };
    work.then(done, done);
    return work;
  }

  get pending(): number {
    return this.running.size;
  }

  /** Resolves true once nothing is running, false when `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref?.();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
