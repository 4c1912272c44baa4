import type { OpsMessage } from './model.js';

/**
 * What the outbox needs from a chat platform. Each chat adapter implements it; the outbox
 * chooses the sender by the channel's platform prefix (`<platform>:C123` → that platform's sender).
 */
export interface ChatSender {
  readonly platform: string;
  /**
   * Posts a message. `threadRef` is the platform reference of the parent message when the
   * message belongs in a thread. Returns the platform's reference to the new message.
   */
  post(request: PostRequest): Promise<PostResult>;
  /** Replaces the content of a message posted earlier. */
  edit(request: EditRequest): Promise<void>;
}

export interface PostRequest {
  channelId: string;
  message: OpsMessage;
  /** Key of the message, for renderers that number or label messages. */
  key: string;
  threadRef?: string;
  /** The parent's own thread channel, where the platform opens one for a thread. */
  parentOwnThreadRef?: string;
  /** Stable across resends of the same message (the platform's nonce or client message id). */
  dedupeKey: string;
  /** True for a message that will get a thread (lets a platform with thread channels open one on it). */
  opensThread?: boolean;
  /** What the thread is about: its parent's title, for platforms that name threads. */
  threadSubject?: string;
}

export interface PostResult {
  ref: string;
  /** Where replies to this message go, when the platform makes a thread channel for it. */
  ownThreadRef?: string;
  /** The thread channel this reply had to open under its parent: remembered, so it is opened once. */
  parentThreadRef?: string;
}

export interface EditRequest {
  channelId: string;
  ref: string;
  message: OpsMessage;
  key: string;
}

/** Thrown by a sender: the platform asked us to wait. The outbox retries after `retryAfterMs`. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** What a refusal means for the people who run dayops: the platform's word for it and the way to fix it. */
export interface Undeliverable {
  /** The platform's code: `not_in_channel`, `50013`. */
  reason: string;
  /** One sentence a person can act on: "Invite the bot to the channel (/invite @dayops)." */
  fix: string;
}

/** Thrown by a sender: retrying will never help (unknown channel, message too old to edit). */
export class PermanentSendError extends Error {
  override readonly name = 'PermanentSendError';
  constructor(
    message: string,
    readonly undeliverable: Undeliverable = { reason: 'refused', fix: 'See the dayops log for the platform’s answer.' },
  ) {
    super(message);
  }
}

/** What `dayops doctor` found for one channel, checked against the platform's API. */
export interface ChannelCheck {
  /** Platform-qualified: `<platform>:C0123`. */
  channel: string;
  status: 'ok' | 'cannot' | 'unknown';
  /** What was found, and for `cannot` how to fix it. */
  detail: string;
}
