import type { Config } from './config/schema.js';
import type { Actor } from './model.js';
import { BUILT_IN_ROLES, parseGrant, type Grant, type Permission, type PermissionNeed } from './permissions.js';

export interface Identity {
  /** The dayops person, when the platform identity is mapped to one. */
  person?: string;
  displayName: string;
  grants: Grant[];
}

/**
 * People, roles and grants from the config, and the one permission check every command and
 * button goes through.
 */
export class People {
  private readonly roles: Record<string, string[]>;

  constructor(private readonly config: Config) {
    this.roles = { ...BUILT_IN_ROLES, ...config.roles };
  }

  names(): string[] {
    return this.config.people.map((p) => p.name);
  }

  exists(name: string): boolean {
    return this.config.people.some((p) => p.name === name);
  }

  displayName(name: string): string {
    return this.config.people.find((p) => p.name === name)?.displayName ?? name;
  }

  /** The person a platform identity belongs to (shell users are people by name). */
  personFor(platform: string, userId: string): string | undefined {
    if (platform === 'shell') return this.exists(userId) ? userId : undefined;
    const person = this.config.people.find((p) => (platform === 'github' ? hasLogin(p.github ?? [], userId) : (p.identities[platform] ?? []).includes(userId)));
    return person?.name;
  }

  /** The platform user ids of a person, for mentions (in the shell, people are their names). */
  platformIds(person: string, platform: string): string[] {
    const p = this.config.people.find((x) => x.name === person);
    if (!p) return [];
    if (platform === 'github') return p.github ?? [];
    return p.identities[platform] ?? (platform === 'shell' ? [p.name] : []);
  }

  /** The platforms a person has an identity on, in the order the config lists them. */
  platformsOf(person: string): string[] {
    const p = this.config.people.find((x) => x.name === person);
    return p ? Object.keys(p.identities).filter((platform) => (p.identities[platform] ?? []).length > 0) : [];
  }

  identify(actor: Actor): Identity {
    const person = actor.person ?? this.personFor(actor.platform, actor.userId);
    const config = person ? this.config.people.find((p) => p.name === person) : undefined;
    const grants = (config?.roles ?? []).map(parseGrant);
    for (const group of actor.groups ?? []) {
      grants.push(...(this.config.groups[`${actor.platform}:${group}`] ?? []).map(parseGrant));
    }
    if (grants.length === 0) grants.push({ role: this.config.defaultRole });
    return { person, displayName: config?.displayName ?? actor.displayName, grants };
  }

  can(actor: Actor, need: PermissionNeed): boolean {
    return this.identify(actor).grants.some((grant) => this.grantAllows(grant, need));
  }

  /** Every permission an actor holds, and where (`deploy`, `deploy@production`). */
  permissionsOf(actor: Actor): string[] {
    const out = new Set<string>();
    for (const grant of this.identify(actor).grants) {
      for (const p of this.roles[grant.role] ?? []) out.add(grant.env ? `${p}@${grant.env}` : p);
    }
    return [...out].sort();
  }

  isProtected(env: string): boolean {
    return this.config.environments[env]?.protected ?? false;
  }

  private grantAllows(grant: Grant, need: PermissionNeed): boolean {
    const perms = (this.roles[grant.role] ?? []) as string[];
    if (!perms.includes('admin') && !perms.includes(need.permission as Permission)) return false;
    if (grant.env) return grant.env === need.env;
    // A grant without an environment reaches everything except protected environments; an
    // administrator granted everywhere reaches those too.
    return need.env === undefined || !this.isProtected(need.env) || perms.includes('admin');
  }
}

/** GitHub logins are case-insensitive. */
function hasLogin(logins: readonly string[], login: string): boolean {
  const wanted = login.toLowerCase();
  return logins.some((l) => l.toLowerCase() === wanted);
}
