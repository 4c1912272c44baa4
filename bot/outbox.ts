import type { Tx } from '../data/store.js';
import type { ChatSender, Undeliverable } from './chat-sender.js';
import type { OutboxRecord } from '../data/records/core.js';
import type { OpsMessage } from './model.js';

export interface PostInput {
  /** Platform-qualified channel: `shell:ops`, `<platform>:<id>`. */
  channel: string;
  /** Stable key of the message (`deployment:DEP-12`); edits and thread replies address it. */
  key: string;
  message: OpsMessage;
  /** Key of the message whose thread this message goes into. */
  thread?: string;
}

/**
 * Every message the bot sends or edits goes through here: written to the store inside the
 * caller's transaction, then delivered by a sender with retries, in order per channel.
 */
export interface Outbox {
  post(tx: Tx, input: PostInput): Promise<void>;
  /** Replaces the message with `key`; coalesces with a not-yet-delivered post or edit of it. */
  edit(tx: Tx, key: string, message: OpsMessage): Promise<void>;
  registerSender(sender: ChatSender): void;
  /** Called, in the transaction that drops it, for every message a platform refuses for good. */
  onUndeliverable(hook: UndeliverableHook): void;
  /** Looks up the message key of a platform message (for replies arriving in a thread). */
  keyForRef(channel: string, ref: string): Promise<string | undefined>;
  start(): void;
  stop(): Promise<void>;
  /** Resolves true once nothing is queued or in flight, false when `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean>;
  /** Resolves once no pass over the queue and no send is under way (messages may still wait). */
  settled(): Promise<void>;
  /**
   * Shutdown: delivers what can go now — messages with a sender, not held back by a rate limit
   * or backoff — up to `timeoutMs`; true when nothing such is left. The rest goes after a restart.
   */
  flush(timeoutMs: number): Promise<boolean>;
  /** Messages queued and not yet delivered. */
  depth(): Promise<number>;
}

/** What to do about a message that will never arrive: record it, tell people. */
export type UndeliverableHook = (tx: Tx, record: OutboxRecord, why: Undeliverable) => Promise<void>;
