import { constants } from 'node:os';

export type StopSignal = 'SIGTERM' | 'SIGINT';

/**
 * Ctrl-C (or SIGTERM) once stops gracefully; a second one quits at once, leaving running work
 * as a SIGKILL would, with the exit code a shell expects (130 for SIGINT, 143 for SIGTERM).
 */
export class StopSignals {
  private first: StopSignal | undefined;
  private readonly handlers = new Map<StopSignal, () => void>();
  private readonly listeners = new Set<(signal: StopSignal) => void>();

  constructor(
    private readonly notice: (text: string) => void,
    private readonly settleSeconds: number,
  ) {}

  /** Called once, on the first signal (at once when one already came). */
  whenStopping(fn: (signal: StopSignal) => void): void {
    if (this.first) fn(this.first);
    else this.listeners.add(fn);
  }

  install(): this {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const handler = () => this.receive(signal);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
    return this;
  }

  uninstall(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }

  get stopping(): boolean {
    return this.first !== undefined;
  }

  /** A signal, or Ctrl-C typed into the shell's terminal (readline takes it from the process). */
  receive(signal: StopSignal): void {
    if (this.first === undefined) {
      this.first = signal;
      const key = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
      this.notice(`Stopping: running work has up to ${this.settleSeconds} s to finish; what still runs then is followed up at the next start. ${key} again quits at once.`);
      for (const fn of this.listeners) fn(signal);
      this.listeners.clear();
      return;
    }
    this.notice('Quitting at once; running deploys and runbooks are followed up at the next start.');
    process.exit(128 + constants.signals[signal]);
  }
}
