import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { parseDuration } from '../time.js';
import { throughOutage } from '../through-outage.js';
import { compareLive } from './engine-check.js';
import { applyObservation } from './finding.js';
import type { LiveReading, LiveSource } from './live-source.js';
import { recordedDeployment, watchedTargets, type WatchedTarget } from './targets.js';

export const DRIFT_POLL_JOB = 'drift.poll';
export const DRIFT_POLL_JOB_ID = 'drift-poll';

/**
 * The engine poll: a job that schedules its next run, then reads every watched service from its
 * engine once the transaction commits. Each target's result is stored on its own, so one
 * engine that does not answer leaves the others' findings current.
 */
export function driftPollHandler(ops: Ops, sources: readonly LiveSource[]) {
  return async (tx: Tx): Promise<void> => {
    if (!(await scheduleNextPoll(ops, tx, sources))) return;
    tx.afterCommit(() => void ops.activity.track(pollOnce(ops, sources)));
  };
}

/** Schedules the next poll `drift.every` from now; false when watching is off or nothing is watched. */
export async function scheduleNextPoll(ops: Ops, tx: Tx, sources?: readonly LiveSource[]): Promise<boolean> {
  const every = ops.config.drift.every;
  if (every === 'off' || (sources && watchedTargets(ops, sources).length === 0)) return false;
  const at = new Date(ops.clock.now().getTime() + parseDuration(every));
  await ops.scheduler.schedule(tx, { id: DRIFT_POLL_JOB_ID, type: DRIFT_POLL_JOB, at });
  return true;
}

/** Reads every watched target once and records what each said. */
export async function pollOnce(ops: Ops, sources: readonly LiveSource[]): Promise<void> {
  for (const target of watchedTargets(ops, sources)) {
    try {
      await checkTarget(ops, target);
    } catch (err) {
      ops.log.error({ err, service: target.service, env: target.env }, 'a drift check failed');
    }
  }
}

async function checkTarget(ops: Ops, target: WatchedTarget): Promise<void> {
  const reading = await readLive(ops, target);
  await throughOutage(
    () =>
      ops.store.transact(async (tx) => {
        const recorded = await recordedDeployment(tx, target.service, target.env);
        const obs = compareLive(target.source, target.service, target.env, reading, recorded);
        await applyObservation(ops, tx, obs, ops.clock.now());
      }),
    ops.log,
    `the drift check of ${target.service} in ${target.env}`,
    ops.activity,
  );
}

/** A source that throws or takes too long is an unknown state, with the reason. */
async function readLive(ops: Ops, target: WatchedTarget): Promise<LiveReading> {
  const signal = AbortSignal.timeout(ops.config.drift.timeoutSeconds * 1000);
  try {
    return await target.source.read(target, signal);
  } catch (err) {
    return { kind: 'unknown', reason: err instanceof Error ? err.message : String(err) };
  }
}
