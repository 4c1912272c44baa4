import type { AppContext } from '../app-context.js';
import { fireHandler, nudgeHandler, snoozeEndHandler } from './fire.js';
import { FIRE_JOB, NUDGE_JOB, SNOOZE_END_JOB } from './keys.js';

/** Job handlers, registered before the scheduler starts so missed runs fire once on start. */
export function installReminders(app: Pick<AppContext, 'ops'>): void {
  app.ops.scheduler.on(FIRE_JOB, fireHandler(app.ops));
  app.ops.scheduler.on(NUDGE_JOB, nudgeHandler(app.ops));
  app.ops.scheduler.on(SNOOZE_END_JOB, snoozeEndHandler(app.ops));
}
