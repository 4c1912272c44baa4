import type { OutboxRecord, PostRecord } from '../data/records/core.js';
import type { Store, Tx } from '../data/store.js';
import { PermanentSendError, RateLimitedError, type ChatSender } from './chat-sender.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { splitChannel } from './model.js';
import type { UndeliverableHook } from './outbox.js';

export interface RetryPolicy {
  /** Delay after the first failure; it doubles per attempt. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with jitter: between half and all of base·2^(attempts-1), capped.
 * The jitter keeps many queued messages from retrying in the same instant after an outage.
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempts - 1, 40));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** A thread is named after what its parent message is about, never after its first reply. */
function subjectOf(message: Record<string, unknown> | undefined): string | undefined {
  const m = message as { title?: string; text?: string } | undefined;
  const line = (m?.title ?? m?.text ?? '').split('\n')[0]?.trim();
  return line ? line : undefined;
}

export const sameMessage = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  random: () => number;
  metrics: Metrics | undefined;
}

/**
 * Sends one outbox record and books the outcome: a post becomes a `post` record (and its reverse
 * lookup), an edit updates it, a failure is retried later or, when retrying cannot help, dropped.
 */
export class OutboxDelivery {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly metrics: Metrics | undefined;
  /** Set once by whoever records and announces what could not be delivered. */
  undeliverable: UndeliverableHook | undefined;

  constructor(deps: DeliveryDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.log = deps.log;
    this.retry = deps.retry;
    this.random = deps.random;
    this.metrics = deps.metrics;
  }

  private observeDelivery(record: OutboxRecord): void {
    const seconds = (this.clock.now().getTime() - Date.parse(record.createdAt)) / 1000;
    this.metrics?.outboxDeliverySeconds.observe({ platform: splitChannel(record.channel).platform, op: record.op }, Math.max(0, seconds));
  }

  async sendPost(record: OutboxRecord, sender: ChatSender, opensThread: boolean): Promise<void> {
    const parent = record.thread === undefined ? undefined : await this.store.read((tx) => tx.get('post', record.thread!));
    if (record.thread !== undefined && !parent) {
      this.log.warn({ key: record.key, thread: record.thread }, 'thread parent was never posted; posting at top level');
    }
    const threadRef = parent ? (parent.threadRef ?? parent.ref) : undefined;
    const subject = parent ? subjectOf(parent.message) : undefined;
    const result = await sender.post({
      channelId: splitChannel(record.channel).id,
      message: record.message,
      key: record.key,
      dedupeKey: record.dedupeKey,
      ...(threadRef === undefined ? {} : { threadRef }),
      ...(parent?.ownThreadRef === undefined ? {} : { parentOwnThreadRef: parent.ownThreadRef }),
      ...(opensThread ? { opensThread } : {}),
      ...(subject ? { threadSubject: subject } : {}),
    });
    const post: PostRecord = {
      id: record.key,
      channel: record.channel,
      ref: result.ref,
      postedAt: this.clock.now().toISOString(),
      message: record.message,
      ...(threadRef === undefined ? {} : { threadRef }),
      ...(result.ownThreadRef === undefined ? {} : { ownThreadRef: result.ownThreadRef }),
    };
    await this.store.transact(async (tx) => {
      await tx.put('post', post, { closed: true });
      await tx.put('postRef', { id: `${record.channel}|${result.ref}`, key: record.key }, { closed: true });
      if (parent && result.parentThreadRef && !parent.ownThreadRef) {
        const current = await tx.get('post', parent.id);
        if (current) await tx.put('post', { ...current, ownThreadRef: result.parentThreadRef }, { closed: true });
      }
      await this.finish(tx, record, 'edit');
    });
    this.observeDelivery(record);
  }

  async sendEdit(record: OutboxRecord, sender: ChatSender): Promise<void> {
    const post = await this.store.read((tx) => tx.get('post', record.key));
    if (!post) {
      this.log.warn({ key: record.key }, 'edit of a message that is not posted; dropped');
      await this.store.transact((tx) => tx.remove('outbox', record.id));
      return;
    }
    if (!sameMessage(post.message, record.message)) {
      await sender.edit({ channelId: splitChannel(post.channel).id, ref: post.ref, message: record.message, key: record.key });
    }
    await this.store.transact(async (tx) => {
      await tx.put('post', { ...post, message: record.message }, { closed: true });
      await this.finish(tx, record, 'edit');
    });
    this.observeDelivery(record);
  }

  /** Removes a delivered record, unless its message was replaced while in flight: then that is still owed. */
  private async finish(tx: Tx, sent: OutboxRecord, nextOp: 'edit'): Promise<void> {
    const current = await tx.get('outbox', sent.id);
    if (current && !sameMessage(current.message, sent.message)) {
      await tx.put('outbox', { ...current, op: nextOp, attempts: 0 });
      return;
    }
    await tx.remove('outbox', sent.id);
  }

  async recordFailure(record: OutboxRecord, err: unknown): Promise<void> {
    const platform = splitChannel(record.channel).platform;
    this.metrics?.chatErrors.inc({ platform, kind: err instanceof PermanentSendError ? 'permanent' : 'retried' });
    if (err instanceof RateLimitedError) {
      this.metrics?.rateLimitWaits.inc({ platform });
      this.metrics?.rateLimitWaitSeconds.inc({ platform }, err.retryAfterMs / 1000);
    }
    if (err instanceof PermanentSendError) {
      this.log.error({ err, id: record.id, key: record.key, channel: record.channel, ...err.undeliverable }, 'message cannot be delivered; dropped');
      this.metrics?.undeliverable.inc({ platform, reason: err.undeliverable.reason });
      await this.store.transact(async (tx) => {
        await tx.remove('outbox', record.id);
        await this.undeliverable?.(tx, record, err.undeliverable);
      });
      return;
    }
    const attempts = record.attempts + 1;
    const waitMs = err instanceof RateLimitedError ? err.retryAfterMs : retryDelay(attempts, this.retry, this.random);
    const notBefore = new Date(this.clock.now().getTime() + waitMs).toISOString();
    const lastError = err instanceof Error ? err.message : String(err);
    this.log.warn({ id: record.id, channel: record.channel, attempts, waitMs, lastError }, 'send failed; will retry');
    await this.store.transact(async (tx) => {
      const current = await tx.get('outbox', record.id);
      if (current) await tx.put('outbox', { ...current, attempts, notBefore, lastError });
    });
  }

}
