import type { EngineSpec } from './engine.js';
import { badInput } from '../errors.js';
import type { Ops } from '../ops.js';
import { parseDuration } from '../time.js';
import type { HealthCheckConfig } from './config-schema.js';

export interface EnvPolicy {
  env: string;
  approvals: number;
  expiryMs: number;
  /** Where approval requests go; absent: where the deployment was requested. */
  approvalChannel?: string;
}

export interface ServicePlan {
  engine: EngineSpec;
  preDeploy?: EngineSpec;
  healthCheck?: HealthCheckConfig;
}

export function checkDeployService(ops: Ops, service: string): void {
  if (ops.config.services[service]) return;
  const known = Object.keys(ops.config.services);
  const list = known.length > 0 ? `the services are ${known.join(', ')}` : 'the config lists no services';
  throw badInput(`There is no service "${service}"; ${list}.`);
}

export function checkDeployEnv(ops: Ops, env: string): void {
  if (ops.config.environments[env]) return;
  const known = Object.keys(ops.config.environments);
  const list = known.length > 0 ? `the environments are ${known.join(', ')}` : 'the config lists no environments';
  throw badInput(`There is no environment "${env}"; ${list}.`);
}

export function policyFor(ops: Ops, env: string): EnvPolicy {
  checkDeployEnv(ops, env);
  const config = ops.config.environments[env]!;
  return {
    env,
    approvals: config.approvals,
    expiryMs: parseDuration(config.approvalExpiry),
    ...(config.approvalChannel ? { approvalChannel: config.approvalChannel } : {}),
  };
}

/** How a service is deployed: its own engine, or the configured default (the script engine). */
export function planFor(ops: Ops, service: string): ServicePlan {
  checkDeployService(ops, service);
  const config = ops.config.services[service]!;
  return {
    engine: config.engine ?? ops.config.deploys.defaultEngine,
    ...(config.preDeploy ? { preDeploy: config.preDeploy } : {}),
    ...(config.healthCheck ? { healthCheck: config.healthCheck } : {}),
  };
}
