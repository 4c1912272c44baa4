import type { DeploymentObserver } from '../../bot/deployments/notify.js';
import { isFinal } from '../../bot/deployments/state-machine.js';
import type { Ops } from '../../bot/ops.js';
import { queueDecision } from './callback-message.js';
import { decisionFor, rejectionComment } from './comments.js';
import { githubGateSpec } from './gate-spec.js';

/**
 * A gated deployment that ends before its workflow was let in (denied, expired, halted, a
 * failed pre-deploy step) answers the protection rule "rejected", in the same transaction.
 */
export function gateObserver(ops: Ops): DeploymentObserver {
  return async (tx, d) => {
    if (!d.runsOn || !isFinal(d.state) || d.engine?.type === 'github-gate') return;
    const spec = githubGateSpec.safeParse(d.runsOn);
    if (!spec.success) return;
    await queueDecision(ops.outbox, tx, decisionFor(spec.data, 'rejected', rejectionComment(ops, d), d.id));
  };
}
