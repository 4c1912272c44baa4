import type { Config } from '../../../bot/config/schema.js';
import type { Mention } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import { groupsGrantingRoles } from '../role-groups.js';

export type DiscordMention = { user: string } | { role: string };

/**
 * Mentions Discord can notify: a person through their mapped Discord user id, a role through a
 * Discord role the config grants that role (`groups: { 'discord:<role id>': ['oncall'] }`).
 */
export function discordMentions(people: People, config: Config): (mention: Mention) => DiscordMention | undefined {
  const roleOf = groupsGrantingRoles(config, 'discord');
  return (mention) => {
    if ('person' in mention) {
      const id = people.platformIds(mention.person, 'discord')[0];
      return id ? { user: id } : undefined;
    }
    const role = roleOf.get(mention.role);
    return role ? { role } : undefined;
  };
}
