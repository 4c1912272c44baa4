import type { DecisionRecord } from '../../data/records/decision.js';
import type { ReadTx } from '../../data/store.js';
import { notFound } from '../errors.js';

/** Every decision, open or archived, oldest first. */
export async function allDecisions(tx: ReadTx): Promise<DecisionRecord[]> {
  return tx.query('decision.search', {});
}

export async function getDecision(tx: ReadTx, id: string): Promise<DecisionRecord> {
  const decision = await tx.get('decision', id);
  if (!decision) throw notFound(`There is no decision ${id}; type decisions to list them.`);
  return decision;
}
