import type { AppContext } from '../app-context.js';
import { escalateHandler } from './escalation/fire.js';
import { ESCALATE_JOB } from './escalation/keys.js';

/** Start-up wiring for on-call: the escalation job. Commands and buttons are in commands/index.ts. */
export function installOncall(app: Pick<AppContext, 'ops'>): void {
  app.ops.scheduler.on(ESCALATE_JOB, escalateHandler(app.ops));
}
