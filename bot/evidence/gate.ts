import type { ReadTx } from '../../data/store.js';
import { readiness } from '../decisions/readiness.js';
import type { GateInput } from '../deployments/gates.js';
import type { Ops } from '../ops.js';
import type { EvidenceCheck } from './status.js';

/** The first required piece of evidence that is missing, failed or too old, if any. */
export async function staleEvidence(ops: Ops, tx: ReadTx, service: string, env: string): Promise<EvidenceCheck | undefined> {
  const r = await readiness(ops, tx, service, env);
  return r.evidence.find((e) => e.state !== 'fresh');
}

/**
 * An admin's override with a reason, at the request; at approval time the deployment being
 * approved carries it (recorded when it was requested).
 */
export async function evidenceOverridden(ops: Ops, tx: ReadTx, input: GateInput): Promise<boolean> {
  if (input.self) return (await tx.get('deployment', input.self))?.evidenceOverride !== undefined;
  return input.override !== undefined && ops.people.can(input.actor.actor, { permission: 'admin', env: input.env });
}
