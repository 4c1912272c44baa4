import {
  PermanentSendError,
  RateLimitedError,
  type ChatSender,
  type EditRequest,
  type PostRequest,
  type PostResult,
} from '../../bot/chat-sender.js';

/** What the next calls should do instead of succeeding. */
export type Failure =
  | { kind: 'rateLimited'; retryAfterMs: number }
  | { kind: 'serverError'; status?: number }
  | { kind: 'permanent'; message?: string };

/**
 * A ChatSender that records every post and edit, hands out refs `1`, `2`, … (and an own
 * thread ref when asked to open a thread), and fails on demand: once, n times, or until told
 * to recover (an outage).
 */
export class FakeSender implements ChatSender {
  readonly posts: PostRequest[] = [];
  readonly edits: EditRequest[] = [];
  /** Every call, failed or not, in order: `post:<key>` / `edit:<key>`. */
  readonly calls: string[] = [];
  private readonly planned: Failure[] = [];
  private outage: Failure | undefined;
  private nextRef = 1;

  constructor(readonly platform = 'shell') {}

  /** The next `times` calls fail this way. */
  failNext(failure: Failure, times = 1): this {
    for (let i = 0; i < times; i++) this.planned.push(failure);
    return this;
  }

  /** Every call fails this way until `recover()`. */
  startOutage(failure: Failure = { kind: 'serverError', status: 503 }): this {
    this.outage = failure;
    return this;
  }

  recover(): this {
    this.outage = undefined;
    return this;
  }

  /** Keys posted to `channelId`, in delivery order. */
  postedKeys(channelId?: string): string[] {
    return this.posts.filter((p) => channelId === undefined || p.channelId === channelId).map((p) => p.key);
  }

  async post(request: PostRequest): Promise<PostResult> {
    this.calls.push(`post:${request.key}`);
    this.maybeFail();
    this.posts.push(request);
    const ref = String(this.nextRef++);
    return request.opensThread ? { ref, ownThreadRef: `thread-${ref}` } : { ref };
  }

  async edit(request: EditRequest): Promise<void> {
    this.calls.push(`edit:${request.key}`);
    this.maybeFail();
    this.edits.push(request);
  }

  private maybeFail(): void {
    const failure = this.planned.shift() ?? this.outage;
    if (!failure) return;
    if (failure.kind === 'rateLimited') throw new RateLimitedError(failure.retryAfterMs);
    if (failure.kind === 'permanent') throw new PermanentSendError(failure.message ?? 'channel_not_found');
    throw new Error(`HTTP ${failure.status ?? 500} from the fake platform`);
  }
}
