import type { Activity } from './activity.js';
import type { Logger } from './log.js';
import { isStoreOutage } from './store-outage.js';

const FIRST_WAIT_MS = 250;
const MAX_WAIT_MS = 5_000;

/**
 * Runs `fn` again while the store is down (a database outage, a full disk), backing off up to
 * 5 s, until it commits: an engine's report that a deploy ended must not be lost because the
 * database was away when it came. A transaction that failed changed nothing, so trying it again
 * is safe. Stops trying when the process leaves (shutdown): the next start follows the run up.
 */
export async function throughOutage<T>(fn: () => Promise<T>, log: Logger, what: string, activity?: Activity): Promise<T> {
  for (let wait = FIRST_WAIT_MS, logged = false; ; wait = Math.min(MAX_WAIT_MS, wait * 2)) {
    try {
      return await fn();
    } catch (err) {
      if (!isStoreOutage(err) || activity?.left) throw err;
      if (!logged) log.warn({ err }, `the store is down; ${what} is recorded once it answers`);
      logged = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
