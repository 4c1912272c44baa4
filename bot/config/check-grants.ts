import { suggestCommands } from '../command-line/suggest.js';
import { BUILT_IN_ROLES, parseGrant, PERMISSIONS } from '../permissions.js';
import type { FileConfig } from './schema.js';

/** `"deployr"; did you mean "deployer"?` or the list to choose from. */
function unknown(what: string, typed: string, known: readonly string[]): string {
  const near = suggestCommands([typed.toLowerCase()], known);
  const hint = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `known: ${known.join(', ') || 'none'}.`;
  return `unknown ${what} "${typed}"; ${hint}`;
}

/**
 * Role grants, role definitions and the default role name only what exists: a misspelt grant
 * (`deployr`, `deployer@prodution`) would otherwise quietly take a person's access away.
 * Returns one problem per bad value, each with its key.
 */
export function grantProblems(config: FileConfig): string[] {
  const roles = Object.keys({ ...BUILT_IN_ROLES, ...config.roles }).sort();
  const envs = Object.keys(config.environments).sort();
  const problems: string[] = [];
  const checkGrant = (key: string, text: string) => {
    const grant = parseGrant(text);
    if (!roles.includes(grant.role)) problems.push(`${key}: ${unknown('role', grant.role, roles)}`);
    if (grant.env !== undefined && !envs.includes(grant.env)) problems.push(`${key}: ${unknown('environment', grant.env, envs)}`);
  };
  config.people.forEach((person, i) => person.roles.forEach((grant, j) => checkGrant(`people.${i}.roles.${j} (${person.name})`, grant)));
  for (const [group, grants] of Object.entries(config.groups)) grants.forEach((grant, j) => checkGrant(`groups.${group}.${j}`, grant));
  for (const [role, permissions] of Object.entries(config.roles)) {
    permissions.forEach((p, j) => {
      if (!(PERMISSIONS as readonly string[]).includes(p)) problems.push(`roles.${role}.${j}: ${unknown('permission', p, PERMISSIONS)}`);
    });
  }
  if (!roles.includes(config.defaultRole)) problems.push(`defaultRole: ${unknown('role', config.defaultRole, roles)}`);
  return problems;
}
