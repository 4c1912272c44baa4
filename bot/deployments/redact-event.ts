import type { EngineEvent } from './engine.js';
import { redactValues } from '../config/child-env.js';

/**
 * An engine event with every configured secret value censored, before its text reaches the
 * thread, the stored record or the log: a script that prints its environment leaks nothing.
 */
export function redactEvent(e: EngineEvent, secrets: readonly string[]): EngineEvent {
  if (secrets.length === 0) return e;
  if (e.type === 'log') return { ...e, line: redactValues(e.line, secrets) };
  return e.message === undefined ? e : { ...e, message: redactValues(e.message, secrets) };
}
