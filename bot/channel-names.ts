import { badInput } from './errors.js';
import { splitChannel } from './model.js';
import type { Ops } from './ops.js';
import { resolveChannel } from './reminders/channel.js';

/**
 * Finds a channel's platform id by its name, for platforms whose API takes ids only. A chat
 * adapter registers one when it can list channels.
 */
export interface ChannelDirectory {
  /**
   * The id of the channel called `name` (no `#`), undefined when the bot sees none, or
   * `unavailable` when the platform would not list its channels (the adapter logs why).
   */
  idOf(name: string): Promise<string | undefined | 'unavailable'>;
}

const directories = new WeakMap<Ops, Map<string, ChannelDirectory>>();

export function registerChannelDirectory(ops: Ops, platform: string, directory: ChannelDirectory): void {
  const byPlatform = directories.get(ops) ?? new Map<string, ChannelDirectory>();
  byPlatform.set(platform, directory);
  directories.set(ops, byPlatform);
}

/**
 * The channel a person named, as the platform can address it: `#ops` on a platform whose API
 * takes ids becomes `<platform>:<id>` through the adapter's directory; a name that cannot be made
 * an id is refused with a sentence that says how to name the channel. The adapter says what its
 * ids look like.
 */
export async function resolveChannelRef(ops: Ops, text: string, fromChannel: string): Promise<string> {
  const named = resolveChannel(text, fromChannel, ops.config.chatPlatforms);
  const { platform, id } = splitChannel(named);
  const form = ops.config.chatPlatforms.find((p) => p.name === platform)?.channelId;
  if (!form || form.pattern.test(id)) return named;
  const directory = directories.get(ops)?.get(platform);
  const found = directory ? await directory.idOf(id) : undefined;
  const how = `pick it from the channel list as you type #, or write its id as ${form.example} (from the channel's details)`;
  if (found === 'unavailable') throw badInput(`dayops could not look up ${platform} channels by name just now; ${how}.`);
  if (found) return `${platform}:${found}`;
  if (!directory) throw badInput(`${platform} addresses channels by id, and "${id}" is a name; ${how}.`);
  throw badInput(`dayops sees no ${platform} channel called #${id}; invite dayops to it, or ${how}.`);
}
