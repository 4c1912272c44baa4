import type { Config } from '../../../bot/config/schema.js';
import type { Mention } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';

/**
 * Mentions Slack can notify: a person through their mapped Slack user id, a role through a
 * Slack user group the config grants that role (`groups: { 'slack:S0123': ['oncall'] }`).
 */
export function slackMentions(people: People, config: Config): (mention: Mention) => string | undefined {
  const groupOfRole = roleGroups(config);
  return (mention) => {
    if ('person' in mention) {
      const id = people.platformIds(mention.person, 'slack')[0];
      return id ? `<@${id}>` : undefined;
    }
    const group = groupOfRole.get(mention.role);
    return group ? `<!subteam^${group}>` : undefined;
  };
}

/** The first Slack user group granting each role; a grant `approver@production` counts for `approver`. */
function roleGroups(config: Config): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, grants] of Object.entries(config.groups)) {
    if (!key.startsWith('slack:')) continue;
    for (const grant of grants) {
      const role = grant.split('@')[0] ?? grant;
      if (!out.has(role)) out.set(role, key.slice('slack:'.length));
    }
  }
  return out;
}
