import type { AppContext } from '../app-context.js';
import { escalateHandler } from './escalation/fire.js';
import { ESCALATE_JOB } from './escalation/keys.js';
import { ensureHandoffs, HANDOFF_JOB, handoffHandler } from './handoff.js';

/**
 * Start-up wiring for on-call: the escalation and handoff jobs, and each schedule's next handoff.
 * Commands and buttons are in commands/index.ts.
 */
export function installOncall(app: Pick<AppContext, 'ops'>): void {
  const { ops } = app;
  ops.scheduler.on(ESCALATE_JOB, escalateHandler(ops));
  ops.scheduler.on(HANDOFF_JOB, handoffHandler(ops));
  ops.store.transact((tx) => ensureHandoffs(ops, tx, ops.clock.now())).catch((err: unknown) => ops.log.error({ err }, 'could not schedule on-call handoffs'));
}
