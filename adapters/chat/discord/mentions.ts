import type { Config } from '../../../bot/config/schema.js';
import type { Mention } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';

export type DiscordMention = { user: string } | { role: string };

/**
 * Mentions Discord can notify: a person through their mapped Discord user id, a role through a
 * Discord role the config grants that role (`groups: { 'discord:<role id>': ['oncall'] }`).
 */
export function discordMentions(people: People, config: Config): (mention: Mention) => DiscordMention | undefined {
  const roleOf = roleIds(config);
  return (mention) => {
    if ('person' in mention) {
      const id = people.platformIds(mention.person, 'discord')[0];
      return id ? { user: id } : undefined;
    }
    const role = roleOf.get(mention.role);
    return role ? { role } : undefined;
  };
}

/** The first Discord role granting each dayops role; a grant `approver@production` counts for `approver`. */
function roleIds(config: Config): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, grants] of Object.entries(config.groups)) {
    if (!key.startsWith('discord:')) continue;
    for (const grant of grants) {
      const role = grant.split('@')[0] ?? grant;
      if (!out.has(role)) out.set(role, key.slice('discord:'.length));
    }
  }
  return out;
}
