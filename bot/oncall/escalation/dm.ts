import type { Ops } from '../../ops.js';
import { directChannel as personalChannel } from '../../undeliverable.js';

/** Platforms whose senders open a direct message from a `<platform>:@<user id>` channel, in the order tried. */
const WITH_DIRECT_MESSAGES = ['slack', 'discord'] as const;

/**
 * Where a person gets a direct message: on the first platform they have an identity on (the
 * sender opens the DM from their user id: Slack posts to the user, Discord opens the DM channel
 * first); a person with no chat identity gets one in the shell (`shell:@alice`).
 */
export function directChannel(ops: Pick<Ops, 'people'>, person: string): string | undefined {
  for (const platform of WITH_DIRECT_MESSAGES) {
    const id = ops.people.platformIds(person, platform)[0];
    if (id) return personalChannel(platform, id);
  }
  return personalChannel('shell', person);
}
