import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../bot/log.js';

const CACHE_MS = 5 * 60_000;

/**
 * Slack user-group memberships, for configs that grant roles to groups (`groups: { 'slack:S…' }`).
 * Slack does not send them with a request, so usergroups.list is read and cached; without any
 * Slack group in the config nothing is asked.
 */
export class UserGroups {
  private cache: { at: number; members: Map<string, string[]> } | undefined;
  private loading: Promise<Map<string, string[]>> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly configured: readonly string[],
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  async groupsOf(userId: string): Promise<string[]> {
    if (this.configured.length === 0) return [];
    const members = await this.membership();
    return members.get(userId) ?? [];
  }

  private async membership(): Promise<Map<string, string[]>> {
    if (this.cache && this.now() - this.cache.at < CACHE_MS) return this.cache.members;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Map<string, string[]>> {
    try {
      const result = await this.client.usergroups.list({ include_users: true });
      const members = new Map<string, string[]>();
      for (const group of result.usergroups ?? []) {
        if (!group.id || !this.configured.includes(group.id)) continue;
        for (const user of group.users ?? []) members.set(user, [...(members.get(user) ?? []), group.id]);
      }
      this.cache = { at: this.now(), members };
      return members;
    } catch (err) {
      // Without memberships people still act with their own roles or the default role.
      this.log.warn({ err }, 'could not read Slack user groups; group roles are not applied');
      return this.cache?.members ?? new Map();
    }
  }
}

/** The Slack user-group ids the config grants roles to. */
export function configuredSlackGroups(groups: Record<string, string[]>): string[] {
  return Object.keys(groups)
    .filter((k) => k.startsWith('slack:'))
    .map((k) => k.slice('slack:'.length));
}
