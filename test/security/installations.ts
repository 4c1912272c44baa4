import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';

/** An engine that finishes at once, so approved deployments and runbooks leave no work behind. */
export const QUICK_ENGINE = { type: 'script', command: 'true', graceSeconds: 0.3 } as const;

/** One person per built-in role, env-scoped grants, and a person who holds everything everywhere to set things up. */
export const ROLE_PEOPLE: Record<string, string[]> = {
  viewer: ['viewer'],
  author: ['author'],
  deployer: ['deployer'],
  approver: ['approver'],
  commander: ['incident-commander'],
  admin: ['admin'],
  'prod-deployer': ['deployer@production'],
  'prod-approver': ['approver@production'],
  'prod-admin': ['admin', 'admin@production'],
  seeder: ['admin', 'admin@production'],
};

/** A Slack user group whose members approve in production, whoever they are. */
export const APPROVER_GROUP = 'S0PRODAPPROVE';

/** Writes a config file the way an operator would and loads it through the real loader. */
export async function configFileInstallation(): Promise<Config> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-sec-config-'));
  const file = {
    dataDir: join(dir, 'data'),
    decisions: { exportDir: join(dir, 'decisions') },
    services: { api: { engine: QUICK_ENGINE } },
    environments: {
      staging: { protected: false, approvals: 1, requiredCategories: [] },
      production: { protected: true, approvals: 1, requiredCategories: [] },
    },
    people: Object.entries(ROLE_PEOPLE).map(([name, roles]) => ({ name, roles })),
    groups: { [`slack:${APPROVER_GROUP}`]: ['approver@production'] },
    runbooks: { 'restore-test': { description: 'Restore the latest backup', engine: QUICK_ENGINE, envs: ['staging', 'production'], approvals: 1 } },
  };
  const path = join(dir, 'dayops.config.yaml');
  await writeFile(path, stringify(file));
  return loadConfig({}, path);
}

/**
 * The built-in demo team (alice, bob) untouched, plus a seeder; engines that finish at once and
 * approvals everywhere, so seeded deployments wait instead of running.
 */
export async function demoInstallation(): Promise<Config> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-sec-demo-'));
  const config = structuredClone(loadConfig({}));
  config.dataDir = join(dir, 'data');
  config.decisions = { ...config.decisions, exportDir: join(dir, 'decisions') };
  for (const service of Object.values(config.services)) service.engine = QUICK_ENGINE;
  for (const env of Object.values(config.environments)) {
    env.requiredCategories = [];
    env.approvals = 1;
  }
  for (const runbook of Object.values(config.runbooks)) {
    runbook.engine = QUICK_ENGINE;
    runbook.approvals = 1;
  }
  config.people.push({ name: 'seeder', identities: {}, roles: ROLE_PEOPLE.seeder! });
  return config;
}
