import type { AppContext } from '../app-context.js';
import { EVIDENCE_WARN_JOB } from './keys.js';
import { evidenceWarnHandler } from './warn.js';

/** The expiry announcements' job handler, registered before the scheduler starts. */
export function installEvidence(app: Pick<AppContext, 'ops'>): void {
  app.ops.scheduler.on(EVIDENCE_WARN_JOB, evidenceWarnHandler(app.ops));
}
