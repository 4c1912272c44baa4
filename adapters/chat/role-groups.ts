import type { Config } from '../../bot/config/schema.js';

/**
 * The first group of a platform that grants each dayops role (`groups: { '<platform>:S0123':
 * ['oncall'] }`), for mentioning a role; a grant `approver@production` counts for `approver`.
 */
export function groupsGrantingRoles(config: Pick<Config, 'groups'>, platform: string): Map<string, string> {
  const prefix = `${platform}:`;
  const out = new Map<string, string>();
  for (const [key, grants] of Object.entries(config.groups)) {
    if (!key.startsWith(prefix)) continue;
    for (const grant of grants) {
      const role = grant.split('@')[0] ?? grant;
      if (!out.has(role)) out.set(role, key.slice(prefix.length));
    }
  }
  return out;
}
