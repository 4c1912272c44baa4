import { note } from '../deployments/notify.js';
import type { Ops } from '../ops.js';
import { evaluateAll } from './evaluate.js';

export type ChecksAfterDeploy = 'off' | 'evaluate' | 'verify';

/** The environment's `checksAfterDeploy`; production evaluates by default, elsewhere nothing runs. */
export function checksAfterDeploy(ops: Ops, env: string): ChecksAfterDeploy {
  return ops.config.environments[env]?.checksAfterDeploy ?? (env === 'production' ? 'evaluate' : 'off');
}

/**
 * Once a deployment's engine (and health check) succeeded: evaluates the checks of its
 * service's decisions, says the results in its thread, and in a `verify` environment returns why
 * the post-deploy verification failed (a breach). Unknown results never fail it, nor pass it.
 */
export async function verifyAfterDeploy(ops: Ops, id: string): Promise<string | undefined> {
  const d = await ops.store.read((tx) => tx.get('deployment', id));
  if (!d) return undefined;
  const mode = checksAfterDeploy(ops, d.env);
  if (mode === 'off') return undefined;
  const evaluations = await evaluateAll(ops, d.id, d.service);
  if (evaluations.length === 0) return undefined;
  const lines = evaluations.flatMap((e) => e.lines.map((l) => `${e.decision.id} ${l}`));
  await ops.store.transact(async (tx) => {
    const current = await tx.get('deployment', id);
    if (current) await note(ops, tx, current, `Checks after ${d.id}:\n${lines.join('\n')}`);
  });
  const breached = evaluations.filter((e) => e.state === 'breached');
  // A rollback is the remedy; failing it for the breach it is meant to fix would leave nothing to do.
  if (mode !== 'verify' || breached.length === 0 || d.rollbackOf) return undefined;
  const what = breached.flatMap((e) => e.decision.checks!.filter((c) => c.last?.state === 'breached').map((c) => `${e.decision.id} ${c.name}: ${c.last!.message}`));
  return `the post-deploy verification failed: ${what.join('; ')}. Roll it back with the Rollback button or rollback ${d.service} ${d.env}.`;
}
