import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The slash command's token, compared in constant time (hashes first, so lengths do not leak). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** What a button carries back in its `integration.context`: the press to run and where it was made. */
export interface ButtonContext {
  action: string;
  value: string;
  /** The outbox key of the message the button is on; empty for an answer to a command. */
  key: string;
  sig: string;
}

/**
 * Mattermost posts a button press unsigned, with the context dayops put on the button. The
 * context is signed per message (action, value and the message's key), so a press forged by
 * anyone who can reach the URL, or a context copied onto another message, is refused.
 */
export class ContextSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`dayops mattermost buttons\n${secret}`).digest();
  }

  sign(action: string, value: string, key: string): ButtonContext {
    return { action, value, key, sig: this.mac(action, value, key) };
  }

  verify(context: unknown): ButtonContext | undefined {
    if (!context || typeof context !== 'object') return undefined;
    const { action, value, key, sig } = context as Record<string, unknown>;
    if (typeof action !== 'string' || typeof value !== 'string' || typeof key !== 'string' || typeof sig !== 'string') return undefined;
    const expected = Buffer.from(this.mac(action, value, key), 'hex');
    const given = Buffer.from(sig, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { action, value, key, sig };
  }

  private mac(action: string, value: string, key: string): string {
    return createHmac('sha256', this.key).update(JSON.stringify([action, value, key])).digest('hex');
  }
}
