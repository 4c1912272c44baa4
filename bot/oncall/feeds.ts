import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, Tx } from '../../data/store.js';

const KEY_ID = 'feeds';

export type FeedTarget = { kind: 'schedule'; name: string } | { kind: 'person'; name: string };

/** The secret feed tokens derive from, made once and stored; rotating it means deleting the record. */
export async function feedSecret(store: Store): Promise<string> {
  const existing = await store.read((tx) => tx.get('oncallFeedKey', KEY_ID));
  if (existing) return existing.secret;
  return store.transact(async (tx: Tx) => {
    const again = await tx.get('oncallFeedKey', KEY_ID);
    if (again) return again.secret;
    const secret = randomBytes(32).toString('base64url');
    await tx.put('oncallFeedKey', { id: KEY_ID, secret });
    return secret;
  });
}

/** An unguessable token for one feed: an HMAC of what it shows, so no list of tokens is stored. */
export function feedToken(secret: string, target: FeedTarget): string {
  return createHmac('sha256', secret).update(`${target.kind}:${target.name}`).digest('base64url').slice(0, 32);
}

/** Which of the candidates a token opens, compared in constant time. */
export function feedFor(secret: string, token: string, candidates: readonly FeedTarget[]): FeedTarget | undefined {
  const given = Buffer.from(token);
  return candidates.find((c) => {
    const expected = Buffer.from(feedToken(secret, c));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export const feedPath = (token: string) => `/oncall/feeds/${token}.ics`;
