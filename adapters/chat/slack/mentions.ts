import type { Config } from '../../../bot/config/schema.js';
import type { Mention } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import { groupsGrantingRoles } from '../role-groups.js';

/**
 * Mentions Slack can notify: a person through their mapped Slack user id, a role through a
 * Slack user group the config grants that role (`groups: { 'slack:S0123': ['oncall'] }`).
 */
export function slackMentions(people: People, config: Config): (mention: Mention) => string | undefined {
  const groupOfRole = groupsGrantingRoles(config, 'slack');
  return (mention) => {
    if ('person' in mention) {
      const id = people.platformIds(mention.person, 'slack')[0];
      return id ? `<@${id}>` : undefined;
    }
    const group = groupOfRole.get(mention.role);
    return group ? `<!subteam^${group}>` : undefined;
  };
}
