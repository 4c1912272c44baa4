import type { Store } from '../../data/store.js';

/** Long enough to ride out a slow poll, short enough that a dead replica's runs move on soon. */
export const RUN_LEASE_MS = 30_000;

const FINAL = new Set(['succeeded', 'failed', 'halted', 'expired', 'denied']);

/**
 * With a store shared by replicas, each deployment run is followed by one process: the one
 * holding its lease. The holder renews its leases every poll and lets go when the run ends;
 * another replica takes over a run whose lease ran out (its holder died). With a store that
 * one process owns (lowdb), every run is this process's and nothing here does anything.
 */
export class RunLeases {
  private readonly owned = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: Store,
    private readonly leaseMs = RUN_LEASE_MS,
  ) {}

  get shared(): boolean {
    return this.store.claim !== undefined;
  }

  /** True when this process may run or follow the deployment (it holds, or just took, the lease). */
  async take(id: string): Promise<boolean> {
    if (!this.store.claim) return true;
    if (!(await this.store.claim(leaseName(id), this.leaseMs))) return false;
    this.owned.add(id);
    this.timer ??= setInterval(() => void this.renew(), Math.max(1000, this.store.pollMs ?? 2000));
    this.timer.unref();
    return true;
  }

  owns(id: string): boolean {
    return this.owned.has(id);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<void> {
    for (const id of [...this.owned]) {
      const d = await this.store.read((tx) => tx.get('deployment', id)).catch(() => undefined);
      if (d && FINAL.has(d.state)) {
        this.owned.delete(id);
        await this.store.release?.(leaseName(id)).catch(() => undefined);
      } else if (!(await this.store.claim!(leaseName(id), this.leaseMs).catch(() => false))) {
        this.owned.delete(id);
      }
    }
    if (this.owned.size === 0) this.stop();
  }
}

function leaseName(id: string): string {
  return `deploy-run:${id}`;
}
