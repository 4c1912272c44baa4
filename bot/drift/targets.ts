import type { ReadTx } from '../../data/store.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import { successes } from '../deployments/find.js';
import { planFor } from '../deployments/policy.js';
import type { Ops } from '../ops.js';
import type { LiveSource, LiveTarget } from './live-source.js';

export interface WatchedTarget extends LiveTarget {
  source: LiveSource;
}

/** Every service whose engine has a live source, in each watched environment. */
export function watchedTargets(ops: Ops, sources: readonly LiveSource[]): WatchedTarget[] {
  const envs = ops.config.drift.envs ?? Object.keys(ops.config.environments);
  const out: WatchedTarget[] = [];
  for (const service of Object.keys(ops.config.services)) {
    const spec = planFor(ops, service).engine;
    const source = sources.find((s) => s.type === spec.type);
    if (!source) continue;
    for (const env of envs) out.push({ service, env, spec, source });
  }
  return out;
}

/** What dayops last put there: its newest successful deployment, recorded outside deploys included. */
export async function recordedDeployment(tx: ReadTx, service: string, env: string): Promise<DeploymentRecord | undefined> {
  return (await successes(tx, service, env))[0];
}
