import { z } from 'zod';
import type { Actor } from './model.js';

export const limitsConfigSchema = z
  .object({
    /**
     * Commands and button presses one chat user may start per minute; 0 turns the limit off.
     * The shell (a local operator) and the pipeline API's named tokens are never limited.
     */
    commandsPerMinute: z.number().int().min(0).default(0),
  })
  .strict();

export type LimitsConfig = z.infer<typeof limitsConfigSchema>;

const WINDOW_MS = 60_000;
const UNLIMITED_PLATFORMS = new Set(['shell', 'http']);

/**
 * A sliding one-minute window per platform user, so one person or a looping integration cannot
 * flood the bot. Kept in memory: a restart forgets the window, which errs on letting people in.
 */
export class CommandRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Counts the input; the seconds to wait when it is over the limit, else undefined. */
  take(actor: Actor, now: Date): number | undefined {
    if (this.perMinute <= 0 || UNLIMITED_PLATFORMS.has(actor.platform)) return undefined;
    const key = `${actor.platform}:${actor.userId}`;
    const since = now.getTime() - WINDOW_MS;
    const times = (this.recent.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.perMinute) {
      this.recent.set(key, times);
      return Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now.getTime()) / 1000));
    }
    times.push(now.getTime());
    this.recent.set(key, times);
    if (this.recent.size > 10_000) this.forgetIdle(since);
    return undefined;
  }

  private forgetIdle(since: number): void {
    for (const [key, times] of this.recent) if (!times.some((t) => t > since)) this.recent.delete(key);
  }
}
