import type { DeploymentRecord, DeployState } from '../../data/records/deployment.js';
import type { Tx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { stateLabel } from './message.js';
import { note, saveDeployment } from './notify.js';
import { canMove, transition } from './state-machine.js';

/** The audit actor of what dayops does by itself (engine results, expiry, reconciliation). */
export function systemAudit(ops: Ops, action: string, target: string, summary: string) {
  return {
    time: ops.clock.now().toISOString(),
    actor: { platform: 'system', userId: 'dayops' },
    platform: 'system',
    action,
    target,
    outcome: 'ok' as const,
    summary,
  };
}

/**
 * Moves a deployment to a final state on its own (an engine result, an expiry), saying why in its
 * thread. Does nothing when it has already moved on (a person halted it meanwhile).
 */
export async function settle(ops: Ops, tx: Tx, id: string, to: DeployState, why: string): Promise<DeploymentRecord | undefined> {
  const current = await tx.get('deployment', id);
  if (!current || !canMove(current.state, to)) return undefined;
  const moved = transition(current, to, ops.clock.now(), 'dayops', why);
  await saveDeployment(ops, tx, moved);
  tx.audit(systemAudit(ops, `deployment.${to}`, id, `${id} ${stateLabel(to)}: ${why}`));
  return note(ops, tx, moved, `${capital(stateLabel(to))}: ${why}`);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
