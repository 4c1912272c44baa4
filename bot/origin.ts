import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, Place } from './model.js';

/** Who caused the messages queued while an input is handled, and where they asked. */
export interface Origin {
  platform: string;
  userId: string;
  channel: string;
}

const current = new AsyncLocalStorage<Origin>();

/**
 * Runs an input's handling with its origin known, so the outbox can remember who to tell when a
 * message it caused cannot be delivered, without every feature passing the actor along.
 */
export function withOrigin<T>(actor: Actor, place: Place, work: () => Promise<T>): Promise<T> {
  return current.run({ platform: actor.platform, userId: actor.userId, channel: place.channel }, work);
}

/** The origin of the input being handled; undefined for scheduled work and webhooks. */
export function currentOrigin(): Origin | undefined {
  return current.getStore();
}
