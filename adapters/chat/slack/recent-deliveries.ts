/** Slack retries within about five minutes; ten covers the last retry with room to spare. */
const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_MAX = 10_000;

/**
 * Delivery ids (event_id, trigger_id, action_ts) seen lately. The router already runs an input
 * once per idempotency key; this keeps a retried delivery from posting its answer a second time.
 */
export class RecentDeliveries {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly max = DEFAULT_MAX,
  ) {}

  /** True the first time a key is offered within the window. */
  firstTime(key: string): boolean {
    const now = this.now();
    this.expire(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    if (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  /** Map keeps insertion order, so the oldest entries come first. */
  private expire(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(key);
    }
  }
}
