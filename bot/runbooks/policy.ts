import type { Ops } from '../ops.js';
import { badInput } from '../errors.js';
import type { RunbookConfig } from './config-schema.js';

export function getRunbook(ops: Ops, name: string): RunbookConfig {
  const runbook = ops.config.runbooks[name];
  if (runbook) return runbook;
  const known = Object.keys(ops.config.runbooks);
  throw badInput(`There is no runbook "${name}"; ${known.length > 0 ? `the runbooks are ${known.join(', ')}` : 'the config lists none'}.`);
}

/** The environment a run goes to: the one named, else the runbook's first, else the first configured. */
export function runEnv(ops: Ops, name: string, env: string | undefined): string {
  const runbook = getRunbook(ops, name);
  const chosen = env ?? runbook.envs?.[0] ?? Object.keys(ops.config.environments)[0] ?? 'default';
  if (runbook.envs && !runbook.envs.includes(chosen)) {
    throw badInput(`The runbook ${name} may run in ${runbook.envs.join(', ')} only, not in ${chosen}.`);
  }
  if (env !== undefined && !ops.config.environments[env]) {
    throw badInput(`There is no environment "${env}"; the environments are ${Object.keys(ops.config.environments).join(', ')}.`);
  }
  return chosen;
}
