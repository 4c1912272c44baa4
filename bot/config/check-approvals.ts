import { BUILT_IN_ROLES, parseGrant, type Grant } from '../permissions.js';
import type { FileConfig } from './schema.js';

/**
 * An environment or runbook that needs more approvals than there are people who may give them
 * would leave every request waiting until it expires. Grants through platform groups or the
 * default role may reach people the file does not list, so they are counted as enough.
 */
export function approvalProblems(config: FileConfig): string[] {
  const roles: Record<string, readonly string[]> = { ...BUILT_IN_ROLES, ...config.roles };
  const approves = (grant: Grant, env: string) => {
    const perms = roles[grant.role] ?? [];
    if (!perms.includes('approve') && !perms.includes('admin')) return false;
    if (grant.env) return grant.env === env;
    return !config.environments[env]?.protected || perms.includes('admin');
  };
  const openEnded = (env: string) =>
    approves({ role: config.defaultRole }, env) || Object.values(config.groups).some((grants) => grants.map(parseGrant).some((g) => approves(g, env)));
  const eligible = (env: string) => config.people.filter((p) => p.roles.map(parseGrant).some((g) => approves(g, env))).map((p) => p.name);
  const check = (key: string, env: string, needed: number): string | undefined => {
    if (needed === 0 || openEnded(env)) return undefined;
    const people = eligible(env);
    if (people.length >= needed) return undefined;
    const who = people.length === 0 ? 'nobody may approve there' : `only ${people.join(', ')} may approve there`;
    return `${key}: needs ${needed} approval${needed > 1 ? 's' : ''} from different people, but ${who}; grant approver@${env} to more people or lower the number.`;
  };
  const problems: string[] = [];
  for (const [env, policy] of Object.entries(config.environments)) {
    const p = check(`environments.${env}.approvals`, env, policy.approvals);
    if (p) problems.push(p);
  }
  for (const [name, runbook] of Object.entries(config.runbooks)) {
    for (const env of runbook.envs ?? Object.keys(config.environments)) {
      const p = check(`runbooks.${name}.approvals (in ${env})`, env, runbook.approvals);
      if (p) problems.push(p);
    }
  }
  return problems;
}
