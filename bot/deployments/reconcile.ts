import type { Ops } from '../ops.js';
import { openDeployments } from './find.js';

/**
 * On start-up: deployments that were queued are started, running ones are followed again (a
 * remote engine is polled; a local script that died with the bot is marked failed). Expiry and
 * freeze ends need nothing here: the durable scheduler fires missed jobs once on start.
 */
export async function reconcileDeployments(ops: Ops): Promise<number> {
  const inFlight = await ops.store.read((tx) => openDeployments(tx, (d) => d.state === 'queued' || d.state === 'running'));
  for (const d of inFlight) ops.deployRunner.resume(ops, d);
  if (inFlight.length > 0) ops.log.info({ deployments: inFlight.map((d) => d.id) }, 'following deployments again after a restart');
  return inFlight.length;
}
