import type { EngineJob, EngineSpec } from './engine.js';
import type { DeploymentRecord, DeployPhase } from '../../data/records/deployment.js';
import type { Ops } from '../ops.js';
import { planFor } from './policy.js';

/** The engine spec a phase runs on; the health phase runs on none. The record's own engine wins. */
export function specFor(ops: Ops, d: DeploymentRecord, phase: DeployPhase): EngineSpec | undefined {
  const plan = planFor(ops, d.service);
  if (phase === 'deploy' && d.runsOn) return d.runsOn as EngineSpec;
  return phase === 'pre-deploy' ? plan.preDeploy : phase === 'deploy' ? plan.engine : undefined;
}

export function engineJob(d: DeploymentRecord, phase: 'pre-deploy' | 'deploy', spec: EngineSpec): EngineJob {
  return { id: d.id, purpose: phase, service: d.service, env: d.env, version: d.version, spec };
}
