import type { OutboxRecord } from '../data/records/core.js';
import type { Store, Tx } from '../data/store.js';
import type { ChatSender } from './chat-sender.js';
import { systemClock, type Clock, type ClockTimer } from './clock.js';
import { isStoreOutage } from './store-outage.js';
import { silentLogger, type Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { splitChannel, type OpsMessage } from './model.js';
import { currentOrigin } from './origin.js';
import type { Outbox, PostInput, UndeliverableHook } from './outbox.js';
import { DEFAULT_RETRY, OutboxDelivery, type RetryPolicy } from './outbox-delivery.js';

export { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './outbox-delivery.js';

export interface OutboxServiceOptions {
  store: Store;
  clock?: Clock;
  log?: Logger;
  retry?: RetryPolicy;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
  metrics?: Metrics;
  /**
   * With a store shared by several replicas: how long a replica keeps a channel after it last
   * started a send there. A channel is sent by one replica at a time, so its order holds and no
   * message goes out twice; when that replica dies another takes the channel after this long.
   */
  channelLeaseMs?: number;
}

export const DEFAULT_CHANNEL_LEASE_MS = 30_000;
const OUTAGE_RETRY_MIN_MS = 250;
const OUTAGE_RETRY_MAX_MS = 5_000;

/**
 * The persisted outbox. Delivery runs one message at a time per channel, in `seq` order, with
 * channels in parallel; a head that must wait (backoff, rate limit) holds its channel back, and
 * one timer wakes the earliest of them. Nothing polls while the queue is idle.
 */
export class OutboxService implements Outbox {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly senders = new Map<string, ChatSender>();
  private readonly warnedPlatforms = new Set<string>();
  private readonly busyChannels = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly idleWaiters = new Set<() => void>();
  private running = false;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private timer: ClockTimer | undefined;
  /** Set while the store fails: passes back off, and the outage is logged once. */
  private outageSince: number | undefined;
  private readonly metrics: Metrics | undefined;
  private readonly channelLeaseMs: number;
  /** Channels this replica holds the lease of, and channels another replica held at the last try. */
  private readonly heldChannels = new Set<string>();
  private readonly foreignChannels = new Set<string>();
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private readonly delivery: OutboxDelivery;

  constructor(options: OutboxServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics;
    this.channelLeaseMs = options.channelLeaseMs ?? DEFAULT_CHANNEL_LEASE_MS;
    this.delivery = new OutboxDelivery({ store: this.store, clock: this.clock, log: this.log, retry: this.retry, random: this.random, metrics: this.metrics });
  }

  async post(tx: Tx, input: PostInput): Promise<void> {
    if (await this.coalesce(tx, input.key, input.message)) return;
    const posted = await tx.get('post', input.key);
    // Posting a key that is already out there updates it rather than posting a twin.
    if (posted) await this.queue(tx, { op: 'edit', channel: posted.channel, key: input.key, message: input.message });
    else await this.queue(tx, { op: 'post', ...input });
  }

  async edit(tx: Tx, key: string, message: OpsMessage): Promise<void> {
    if (await this.coalesce(tx, key, message)) return;
    const posted = await tx.get('post', key);
    if (!posted) {
      this.log.warn({ key }, 'edit of a message that was never posted; dropped');
      return;
    }
    await this.queue(tx, { op: 'edit', channel: posted.channel, key, message });
  }

  onUndeliverable(hook: UndeliverableHook): void {
    this.delivery.undeliverable = hook;
  }

  registerSender(sender: ChatSender): void {
    this.senders.set(sender.platform, sender);
    this.warnedPlatforms.delete(sender.platform);
    this.wake();
  }

  async keyForRef(channel: string, ref: string): Promise<string | undefined> {
    const found = await this.store.read((tx) => tx.get('postRef', `${channel}|${ref}`));
    return found?.key;
  }

  start(): void {
    this.running = true;
    // Other replicas queue messages too; with a shared store, look for them now and then.
    if (this.store.claim && !this.pollTimer) {
      this.pollTimer = setInterval(() => {
        this.foreignChannels.clear();
        this.wake();
      }, this.store.pollMs ?? 2000);
    }
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    if (this.pollTimer !== undefined) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    await this.pumping;
    await Promise.all([...this.inFlight]);
    // Hand the channels over at once rather than after the lease runs out.
    for (const channel of this.heldChannels) await this.store.release?.(`outbox:${channel}`).catch(() => undefined);
    this.heldChannels.clear();
  }

  async whenIdle(timeoutMs: number): Promise<boolean> {
    if (await this.isIdle()) return true;
    return new Promise<boolean>((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timeout);
        this.idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timeout = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }

  async depth(): Promise<number> {
    return this.store.read((tx) => tx.query('outbox.depth', {}));
  }

  /** Resolves once no pass over the queue and no send is under way (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.pumping || this.inFlight.size > 0) {
      await this.pumping;
      await Promise.all([...this.inFlight]);
    }
  }

  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      if ((await this.deliverableNow().catch(() => 0)) === 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async deliverableNow(): Promise<number> {
    const now = this.clock.now().getTime();
    const heads = await this.store.read((tx) => tx.query('outbox.heads', {}));
    return heads.filter(
      (r) => this.senders.has(splitChannel(r.channel).platform) && !this.foreignChannels.has(r.channel) && Date.parse(r.notBefore) <= now,
    ).length;
  }

  /** Replaces the message of a queued, undelivered post or edit of `key`; true when there was one. */
  private async coalesce(tx: Tx, key: string, message: OpsMessage): Promise<boolean> {
    const pending = await tx.query('outbox.byKey', { key });
    const latest = pending.sort((a, b) => b.seq - a.seq)[0];
    if (!latest) return false;
    // If it is being sent right now, delivery notices the new message and queues it as an edit.
    await tx.put('outbox', { ...latest, message: { ...message } });
    tx.afterCommit(() => this.wake());
    return true;
  }

  private async queue(tx: Tx, input: Pick<OutboxRecord, 'op' | 'channel' | 'key' | 'thread'> & { message: OpsMessage }) {
    const n = await tx.nextNumber('outbox');
    const now = this.clock.now().toISOString();
    const origin = currentOrigin();
    const record: OutboxRecord = {
      id: `out-${n}`,
      seq: n,
      op: input.op,
      channel: input.channel,
      key: input.key,
      message: { ...input.message },
      dedupeKey: `dayops-out-${n}`,
      attempts: 0,
      notBefore: now,
      createdAt: now,
      ...(input.thread === undefined ? {} : { thread: input.thread }),
      ...(origin ? { origin } : {}),
    };
    await tx.put('outbox', record);
    tx.afterCommit(() => this.wake());
  }

  private wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .then(() => this.storeAnswered())
      .catch((err: unknown) => this.storeFailed(err))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain && this.outageSince === undefined) {
          this.pumpAgain = false;
          this.wake();
        } else {
          this.pumpAgain = false;
          this.notifyIfIdle().catch(() => undefined);
        }
      });
  }

  /** A pass that could not read the queue tries again with backoff, up to a few seconds apart. */
  private storeFailed(err: unknown): void {
    const now = this.clock.now().getTime();
    if (this.outageSince === undefined) {
      this.outageSince = now;
      if (isStoreOutage(err)) this.log.error({ err }, 'the store cannot be read; messages wait in the queue until it answers');
      else this.log.error({ err }, 'an outbox pass failed; trying again');
    }
    if (this.running) this.armTimer(Math.min(OUTAGE_RETRY_MAX_MS, Math.max(OUTAGE_RETRY_MIN_MS, (now - this.outageSince) / 2)));
  }

  private storeAnswered(): void {
    if (this.outageSince === undefined) return;
    this.outageSince = undefined;
    this.log.info('the store answers again; delivering queued messages');
  }

  /** One pass: start the head of every free channel that may go now; arm the timer for the rest. */
  private async pump(): Promise<void> {
    this.clearTimer();
    const now = this.clock.now().getTime();
    let earliest = Infinity;
    const ready = await this.store.read(async (tx) => {
      const out: { head: OutboxRecord; sender: ChatSender; opensThread: boolean }[] = [];
      for (const head of await tx.query('outbox.heads', {})) {
        if (!this.running || this.busyChannels.has(head.channel) || this.foreignChannels.has(head.channel)) continue;
        const sender = this.senderFor(head.channel);
        if (!sender) continue;
        // A reply waits for its parent; a parent that is neither queued nor posted is not coming.
        if (head.thread !== undefined && (await tx.query('outbox.byKey', { key: head.thread })).some((r) => r.op === 'post')) continue;
        const due = Date.parse(head.notBefore);
        if (due > now) {
          earliest = Math.min(earliest, due);
          continue;
        }
        out.push({ head, sender, opensThread: (await tx.query('outbox.inThread', { thread: head.key, limit: 1 })).length > 0 });
      }
      return out;
    });
    for (const { head, sender, opensThread } of ready) if (!this.busyChannels.has(head.channel)) this.launch(head, sender, opensThread);
    if (earliest < Infinity && this.running) this.armTimer(earliest - now);
  }

  private senderFor(channel: string): ChatSender | undefined {
    const { platform } = splitChannel(channel);
    const sender = this.senders.get(platform);
    if (!sender && !this.warnedPlatforms.has(platform)) {
      this.warnedPlatforms.add(platform);
      this.log.warn({ platform, channel }, 'no chat sender for this platform; its messages stay queued');
    }
    return sender;
  }

  private launch(record: OutboxRecord, sender: ChatSender, opensThread: boolean): void {
    this.busyChannels.add(record.channel);
    const work = this.deliver(record, sender, opensThread)
      .catch((err: unknown) => (isStoreOutage(err) ? this.storeFailed(err) : this.log.error({ err, id: record.id }, 'outbox bookkeeping failed')))
      .finally(() => {
        this.busyChannels.delete(record.channel);
        this.inFlight.delete(work);
        this.wake();
      });
    this.inFlight.add(work);
  }

  private async deliver(queued: OutboxRecord, sender: ChatSender, opensThread: boolean): Promise<void> {
    const record = await this.claimHead(queued);
    if (!record) return;
    try {
      if (record.op === 'post') await this.delivery.sendPost(record, sender, opensThread);
      else await this.delivery.sendEdit(record, sender);
    } catch (err) {
      await this.delivery.recordFailure(record, err);
    }
  }

  /**
   * With a shared store: takes the channel's lease and reads the record again, since another
   * replica may have delivered it since this one listed the queue. Undefined: not ours to send.
   */
  private async claimHead(queued: OutboxRecord): Promise<OutboxRecord | undefined> {
    if (!this.store.claim) return queued;
    if (!(await this.store.claim(`outbox:${queued.channel}`, this.channelLeaseMs))) {
      this.heldChannels.delete(queued.channel);
      this.foreignChannels.add(queued.channel);
      return undefined;
    }
    this.heldChannels.add(queued.channel);
    return this.store.read((tx) => tx.get('outbox', queued.id));
  }

  private armTimer(delayMs: number): void {
    this.clearTimer();
    this.timer = this.clock.after(Math.max(delayMs, 0), () => {
      this.timer = undefined;
      this.wake();
    });
  }

  private clearTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** False while the store cannot say: a queue nobody can read is not known to be empty. */
  private async isIdle(): Promise<boolean> {
    return !this.pumping && this.inFlight.size === 0 && (await this.depth().catch(() => 1)) === 0;
  }

  private async notifyIfIdle(): Promise<void> {
    if (this.idleWaiters.size === 0 || !(await this.isIdle())) return;
    for (const waiter of [...this.idleWaiters]) waiter();
  }
}
