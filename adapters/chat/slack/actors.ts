import type { Actor } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import type { UserGroups } from './user-groups.js';

/** The Slack user as a neutral actor: their id, the dayops person it maps to, their user groups. */
export class SlackActors {
  constructor(
    private readonly people: People,
    private readonly groups: UserGroups,
  ) {}

  async actor(userId: string, name?: string): Promise<Actor> {
    const person = this.people.personFor('slack', userId);
    const groups = await this.groups.groupsOf(userId);
    return {
      platform: 'slack',
      userId,
      displayName: person ? this.people.displayName(person) : (name ?? userId),
      ...(person ? { person } : {}),
      ...(groups.length > 0 ? { groups } : {}),
    };
  }
}
