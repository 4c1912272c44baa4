import type { JobRecord } from '../../data/records/core.js';
import type { Tx } from '../../data/store.js';
import type { AppContext } from '../app-context.js';
import type { Ops } from '../ops.js';
import { systemDoer } from '../reminders/doer.js';
import { startRunbook } from './start.js';

export const SCHEDULED_RUN_JOB = 'runbook.scheduled';
const jobId = (runbook: string, env: string) => `runbook-schedule:${runbook}:${env}`;

interface Slot {
  runbook: string;
  env: string;
  cron: string;
  tz: string;
}

/** Every runbook's schedule, once per environment it runs in. */
function slots(ops: Ops): Slot[] {
  const first = Object.keys(ops.config.environments)[0];
  return Object.entries(ops.config.runbooks).flatMap(([runbook, config]) => {
    if (!config.schedule) return [];
    const envs = config.envs ?? (first ? [first] : []);
    return envs.map((env) => ({ runbook, env, cron: config.schedule!.cron, tz: config.schedule!.tz ?? ops.config.timezone }));
  });
}

/**
 * Scheduled runbooks (a nightly drift check): a recurring job per runbook and environment. A job
 * already stored keeps its due time, so a run missed while dayops was down fires once on start.
 */
export function installRunbookSchedules(app: Pick<AppContext, 'ops'>): void {
  const { ops } = app;
  ops.scheduler.on(SCHEDULED_RUN_JOB, scheduledRunHandler(ops));
  ops.store
    .transact(async (tx) => {
      for (const slot of slots(ops)) {
        const job = await tx.get('job', jobId(slot.runbook, slot.env));
        if (job?.cron === slot.cron && job.tz === slot.tz) continue;
        await ops.scheduler.schedule(tx, { id: jobId(slot.runbook, slot.env), type: SCHEDULED_RUN_JOB, cron: slot.cron, tz: slot.tz, payload: { runbook: slot.runbook, env: slot.env } });
      }
    })
    .catch((err: unknown) => ops.log.error({ err }, 'could not schedule the runbooks'));
}

function scheduledRunHandler(ops: Ops) {
  return async (tx: Tx, job: JobRecord): Promise<void> => {
    const runbook = String(job.payload.runbook);
    const env = String(job.payload.env);
    // The config changed since the job was stored: a runbook no longer scheduled there stops.
    if (!slots(ops).some((s) => s.runbook === runbook && s.env === env)) return ops.scheduler.cancel(tx, job.id);
    const channel = ops.config.runbooks[runbook]!.channel ?? ops.config.channels.ops;
    await startRunbook(ops, tx, { runbook, env, args: {}, channel }, systemDoer(ops.clock.now()));
  };
}
