import type { ChatPlatformInfo } from '../config/chat-platform.js';
import { badInput } from '../errors.js';

const QUALIFIED = /^([a-z][a-z0-9-]*):#?[\w.-]+$/;
const BARE = /^#?([\w.-]+)$/;

/**
 * The channel a person named, platform-qualified: `shell:ops` as written, a channel link as the
 * platform sends it (its adapter reads it), or `#ops` on the platform the command came from.
 */
export function resolveChannel(text: string, fromChannel: string, platforms: readonly ChatPlatformInfo[] = []): string {
  const t = text.trim();
  const qualified = QUALIFIED.exec(t);
  if (qualified && (qualified[1] === 'shell' || platforms.some((p) => p.name === qualified[1]))) return t.replace(':#', ':');
  for (const platform of platforms) {
    const id = platform.channelLink?.exec(t)?.[1];
    if (id) return `${platform.name}:${id}`;
  }
  const bare = BARE.exec(t);
  const platform = fromChannel.slice(0, Math.max(0, fromChannel.indexOf(':'))) || 'shell';
  if (bare) return `${platform}:${bare[1]}`;
  throw badInput(`"${text}" is not a channel; name one like #ops.`);
}
