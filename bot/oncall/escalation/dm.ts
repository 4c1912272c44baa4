import type { Ops } from '../../ops.js';
import { directChannel as personalChannel } from '../../undeliverable.js';

/**
 * Where a person gets a direct message: on the first platform (in bin/'s adapter order) whose
 * adapter opens a DM from a `<platform>:@<user id>` channel and on which they have an identity;
 * a person with none of those gets one in the shell (`shell:@alice`).
 */
export function directChannel(ops: Pick<Ops, 'people' | 'config'>, person: string): string | undefined {
  for (const platform of ops.config.chatPlatforms) {
    const id = platform.directMessages ? ops.people.platformIds(person, platform.name)[0] : undefined;
    if (id) return personalChannel(platform.name, id);
  }
  return personalChannel('shell', person);
}
