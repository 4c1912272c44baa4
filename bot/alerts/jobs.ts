import type { JobHandler } from '../scheduler.js';
import type { Ops } from '../ops.js';
import { JOB_TYPES } from './keys.js';
import { reconcileHandler } from './reconcile.js';
import { renotifyHandler } from './renotify.js';
import { endMaintenance, startMaintenance } from './maintenance.js';
import { endSilence } from './silences.js';
import { endStorm } from './storm.js';

/** Every scheduled job the alerts feature runs, by type; install registers them with the scheduler. */
export function alertJobHandlers(ops: Ops): Record<string, JobHandler> {
  return {
    [JOB_TYPES.renotify]: renotifyHandler(ops),
    [JOB_TYPES.reconcile]: reconcileHandler(ops),
    [JOB_TYPES.silenceEnd]: async (tx, job) => {
      const silence = await tx.get('silence', String(job.payload.silence));
      if (silence && !silence.expiredAt) await endSilence(ops, tx, silence.id, ops.clock.now());
    },
    [JOB_TYPES.maintenanceStart]: (tx, job) => startMaintenance(ops, tx, String(job.payload.maintenance)),
    [JOB_TYPES.maintenanceEnd]: (tx, job) => endMaintenance(ops, tx, String(job.payload.maintenance)),
    [JOB_TYPES.stormEnd]: (tx, job) => endStorm(ops, tx, String(job.payload.storm), ops.clock.now()),
  };
}
