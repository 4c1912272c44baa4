import type { Mention } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import type { MattermostClient } from './client.js';

/**
 * Mattermost mentions by `@username` while dayops maps people by user id: the usernames of the
 * ids a message mentions are looked up (POST /users/ids) and kept.
 */
export class UserNames {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly client: MattermostClient,
    private readonly people: People,
  ) {}

  /** Looks up the people a message mentions; a failed lookup leaves `@person` in the text. */
  async load(mentions: readonly Mention[]): Promise<void> {
    const ids = mentions.flatMap((m) => ('person' in m ? this.people.platformIds(m.person, 'mattermost').slice(0, 1) : [])).filter((id) => !this.known.has(id));
    if (ids.length === 0) return;
    try {
      const users = await this.client.post<{ id: string; username: string }[]>('/users/ids', ids);
      for (const user of users) this.known.set(user.id, user.username);
    } catch {
      // The mention falls back to the dayops name; the message itself still goes out.
    }
  }

  mention(mention: Mention): string | undefined {
    if (!('person' in mention)) return undefined;
    const id = this.people.platformIds(mention.person, 'mattermost')[0];
    const name = id ? this.known.get(id) : undefined;
    return name ? `@${name}` : undefined;
  }
}
