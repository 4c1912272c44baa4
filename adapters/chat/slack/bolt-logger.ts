import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../../bot/log.js';

/**
 * Bolt and its Web API client log through ours, one level quieter: their `info` is chatter
 * (connections, retries) that belongs at debug for an operator.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.debug(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    // The level is ours to set (DAYOPS_LOG_LEVEL), not Bolt's.
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
