import { ChannelType, type APIChannel, type APIMessage } from 'discord.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { Place } from '../../../bot/model.js';

export function discordChannel(id: string): string {
  return `discord:${id}`;
}

export function interactionKey(interactionId: string): string {
  return `discord:interaction:${interactionId}`;
}

export function messageKey(messageId: string): string {
  return `discord:message:${messageId}`;
}

const THREAD_TYPES = new Set<ChannelType>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** The part of a channel object that says whether it is a thread, and under which channel. */
export type ChannelInfo = Pick<APIChannel, 'id' | 'type'> & { parent_id?: string | null };

/**
 * Where an input happened. In a thread started from a bot message (thread id = message id) the
 * place is that message's channel and key, as on other platforms; anywhere else the channel itself.
 */
export async function placeOf(outbox: Outbox, channelId: string, channel: ChannelInfo | undefined): Promise<Place> {
  const parent = channel && THREAD_TYPES.has(channel.type) ? channel.parent_id : undefined;
  if (parent) {
    const thread = await outbox.keyForRef(discordChannel(parent), channelId);
    if (thread) return { channel: discordChannel(parent), thread };
  }
  return { channel: discordChannel(channelId) };
}

/** The outbox key of the message a component sat on: posted at top level, or inside a thread. */
export async function keyOfMessage(outbox: Outbox, message: Pick<APIMessage, 'id' | 'channel_id'>, channel: ChannelInfo | undefined): Promise<string | undefined> {
  const direct = await outbox.keyForRef(discordChannel(message.channel_id), message.id);
  if (direct) return direct;
  const parent = channel && THREAD_TYPES.has(channel.type) ? channel.parent_id : undefined;
  return parent ? outbox.keyForRef(discordChannel(parent), `${message.channel_id}/${message.id}`) : undefined;
}
