import type { Ops } from '../ops.js';
import { openDeployments } from './find.js';

/**
 * On start-up: deployments that were queued are started, running ones are followed again (a
 * remote engine is polled; a local script that died with the bot is marked failed). Expiry and
 * freeze ends need nothing here: the durable scheduler fires missed jobs once on start.
 *
 * With a store shared by replicas, a run another live replica follows is left to it (its lease
 * says so), and this repeats every poll, so the runs of a replica that died move to a survivor
 * once their leases run out. Returns how many deployments were looked at.
 */
export async function reconcileDeployments(ops: Ops): Promise<number> {
  const count = await adoptOrphans(ops);
  if (ops.store.claim) {
    const timer = setInterval(() => void adoptOrphans(ops).catch((err: unknown) => ops.log.error({ err }, 'looking for orphaned deployments failed')), Math.max(1000, ops.store.pollMs ?? 2000));
    timer.unref();
    orphanSweeps.set(ops, timer);
  }
  return count;
}

/**
 * Stops the periodic look for runs other replicas left behind (shutdown). The runner keeps its
 * leases until running work has settled: `ops.deployRunner.stop()` comes after.
 */
export function stopReconciling(ops: Ops): void {
  const timer = orphanSweeps.get(ops);
  if (timer !== undefined) clearInterval(timer);
  orphanSweeps.delete(ops);
}

const orphanSweeps = new WeakMap<Ops, ReturnType<typeof setInterval>>();

async function adoptOrphans(ops: Ops): Promise<number> {
  const inFlight = await ops.store.read((tx) => openDeployments(tx, (d) => d.state === 'queued' || d.state === 'running'));
  const unfollowed = inFlight.filter((d) => !ops.deployRunner.follows(ops, d.id) || !ops.store.claim);
  for (const d of unfollowed) ops.deployRunner.resume(ops, d);
  if (unfollowed.length > 0 && !ops.store.claim) ops.log.info({ deployments: unfollowed.map((d) => d.id) }, 'following deployments again after a restart');
  return inFlight.length;
}
