import type { AppContext } from '../app-context.js';
import { ACTION_REMIND_JOB } from './keys.js';
import { remindHandler } from './remind.js';

/** The owners' reminders, registered before the scheduler starts. */
export function installActionItems(app: Pick<AppContext, 'ops'>): void {
  app.ops.scheduler.on(ACTION_REMIND_JOB, remindHandler(app.ops));
}
