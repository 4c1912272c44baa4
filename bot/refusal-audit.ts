import type { AuditActor, Store } from '../data/store.js';
import type { Logger } from './log.js';
import { isUserError, type UserError } from './errors.js';

/** The codes that mean "you may not, or not now": a refused state change, audited once. */
const REFUSALS = new Set(['forbidden', 'conflict', 'illegal_transition']);

export function isRefusal(err: unknown): err is UserError {
  return isUserError(err) && REFUSALS.has(err.code);
}

/** What writing a refusal needs: the store's audit log, and a log for when it cannot. */
export interface RefusalSink {
  store: Pick<Store, 'appendAudit'>;
  log: Pick<Logger, 'error'>;
}

export interface Refusal {
  actor: AuditActor;
  /** The surface it came through: a chat platform's name, http (pipeline API), webhook. */
  platform: string;
  action: string;
  target?: string;
  reason: string;
  at: Date;
}

/**
 * Writes a refusal to the audit log. A store that cannot take it is logged and does not change
 * the answer: the person is told no either way.
 */
export async function recordRefusal(ops: RefusalSink, refusal: Refusal): Promise<void> {
  try {
    await ops.store.appendAudit({
      time: refusal.at.toISOString(),
      actor: refusal.actor,
      platform: refusal.platform,
      action: refusal.action,
      ...(refusal.target ? { target: refusal.target } : {}),
      outcome: 'refused',
      summary: `Refused: ${refusal.reason}`,
    });
  } catch (err) {
    ops.log.error({ err, action: refusal.action }, 'a refusal could not be written to the audit log');
  }
}
