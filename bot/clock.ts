/** A timer set on a clock; cancelling one that already fired does nothing. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Time comes from here, and so do the timers of everything that waits for a time of day (the
 * scheduler, outbox backoff): a test that moves a ManualClock moves what production runs.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` once `ms` of this clock's time have passed. */
  after(ms: number, fn: () => void): ClockTimer;
}

/** setTimeout's longest delay; a longer one would fire at once, so long waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  after(ms, fn) {
    const due = Date.now() + Math.max(0, ms);
    let handle: ReturnType<typeof setTimeout>;
    const arm = () => {
      const left = due - Date.now();
      handle = left > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fn, Math.max(0, left));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

interface PendingTimer {
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock tests set by hand. Timers fire, in due order, when `set` or `advance` moves the clock
 * past them, and never by themselves.
 */
export class ManualClock implements Clock {
  private readonly timers = new Set<PendingTimer>();
  private seq = 0;

  constructor(private current: Date = new Date('2026-01-05T09:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  after(ms: number, fn: () => void): ClockTimer {
    const timer = { due: this.current.getTime() + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(timer);
    // A timer already due fires on the next turn, as setTimeout(fn, 0) would.
    if (ms <= 0) queueMicrotask(() => this.fireDue());
    return { cancel: () => this.timers.delete(timer) };
  }

  set(at: Date | string): void {
    this.current = new Date(at);
    this.fireDue();
  }

  advance(ms: number): void {
    this.set(new Date(this.current.getTime() + ms));
  }

  /** How many timers wait for a later time (for tests of what is armed). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  private fireDue(): void {
    const now = this.current.getTime();
    for (;;) {
      const next = [...this.timers].filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) return;
      this.timers.delete(next);
      next.fn();
    }
  }
}
