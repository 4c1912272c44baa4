import type { Tx } from '../../data/store.js';

const key = (delivery: string) => `github-delivery:${delivery.slice(0, 100)}`;

/** True when this X-GitHub-Delivery was handled before (a replay, or GitHub's redelivery of it). */
export async function seenDelivery(tx: Tx, delivery: string): Promise<boolean> {
  return (await tx.get('idempotency', key(delivery))) !== undefined;
}

/** Remembered in the transaction that handles it, so a delivery is applied at most once. */
export async function rememberDelivery(tx: Tx, delivery: string, event: string, at: Date): Promise<void> {
  await tx.put('idempotency', { id: key(delivery), at: at.toISOString(), reply: { event } }, { closed: true });
}
