import type { DeploymentRecord } from '../../data/records/deployment.js';
import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { blockingItems, itemSentence } from './find.js';

export type BlockingPolicy = 'ignore' | 'approval' | 'refuse';

/** The environment's `blockingActionItems`; production adds an approval by default, elsewhere nothing. */
export function blockingPolicy(ops: Ops, env: string): BlockingPolicy {
  return ops.config.environments[env]?.blockingActionItems ?? (env === 'production' ? 'approval' : 'ignore');
}

/** In a `refuse` environment, the sentence that refuses a deploy of a service with an open blocking item. */
export async function blockingRefusal(ops: Ops, tx: ReadTx, service: string, env: string): Promise<string | undefined> {
  if (blockingPolicy(ops, env) !== 'refuse') return undefined;
  const [first, ...more] = await blockingItems(tx, service);
  if (!first) return undefined;
  const others = more.length > 0 ? ` and ${more.length} more (type actions --service ${service})` : '';
  return `${service} has an open blocking action item: ${itemSentence(first)}${others}. Close it first with action done ${first.id}.`;
}

/**
 * In an `approval` environment, one more approval per commander of an incident with an open
 * blocking item of the service, each naming the item. Rollbacks are never held back.
 */
export async function commanderApprovals(ops: Ops, tx: ReadTx, service: string, env: string): Promise<NonNullable<DeploymentRecord['requiredApprovers']>> {
  if (blockingPolicy(ops, env) !== 'approval') return [];
  const needed = new Map<string, string>();
  for (const item of await blockingItems(tx, service)) {
    const incident = await tx.get('incident', item.incident);
    const commander = incident?.roles.commander;
    if (!commander || needed.has(commander)) continue;
    needed.set(commander, `commander of ${item.incident}, for the open blocking action item ${itemSentence(item)}`);
  }
  return [...needed].map(([person, reason]) => ({ person, reason }));
}

/** Who of the required approvers has not approved yet. */
export function missingApprovers(d: DeploymentRecord): NonNullable<DeploymentRecord['requiredApprovers']> {
  return (d.requiredApprovers ?? []).filter((r) => !d.approvals.some((a) => a.person === r.person));
}
