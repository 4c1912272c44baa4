import { Routes, ThreadAutoArchiveDuration, type APIChannel, type APIMessage, type REST } from 'discord.js';
import type { ChatSender, EditRequest, PostRequest, PostResult } from '../../../bot/chat-sender.js';
import type { Logger } from '../../../bot/log.js';
import type { OpsMessage } from '../../../bot/model.js';
import { clip, LIMITS } from './limits.js';
import type { DiscordMessage } from './render.js';
import { isApiError, THREAD_ALREADY_EXISTS, toSendError } from './errors.js';

export type DiscordRenderer = (message: OpsMessage) => DiscordMessage;

/**
 * The outbox's way into Discord. A thread started from a message has the message's id, so a
 * reply goes into the channel named by its parent's ref. A message posted inside a thread gets
 * the ref `<thread id>/<message id>`, so an edit knows which channel it lives in.
 */
export class DiscordSender implements ChatSender {
  readonly platform = 'discord';

  constructor(
    private readonly rest: REST,
    private readonly render: DiscordRenderer,
    private readonly log: Logger,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    if (request.channelId.startsWith('@')) return this.direct(request.channelId.slice(1), request);
    const thread = request.threadRef ? await this.threadFor(request) : undefined;
    const channel = thread?.channel ?? request.channelId;
    // The nonce makes a resend after a lost answer return the message already posted.
    const body = { ...this.render(request.message), nonce: request.dedupeKey.slice(0, 25), enforce_nonce: true };
    let message: APIMessage;
    try {
      message = (await this.rest.post(Routes.channelMessages(channel), { body })) as APIMessage;
    } catch (err) {
      throw toSendError(err, `POST /channels/${channel}/messages`);
    }
    const ref = channel === request.channelId ? message.id : `${channel}/${message.id}`;
    if (thread?.opened) return { ref, parentThreadRef: thread.channel };
    if (!request.opensThread || channel !== request.channelId) return { ref };
    const own = await this.startThread(request.channelId, message.id, request.message);
    return own ? { ref, ownThreadRef: own } : { ref };
  }

  /** A direct message: Discord opens (or returns) the DM channel with the person first. */
  private async direct(userId: string, request: PostRequest): Promise<PostResult> {
    try {
      const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      const body = { ...this.render(request.message), nonce: request.dedupeKey.slice(0, 25), enforce_nonce: true };
      const message = (await this.rest.post(Routes.channelMessages(dm.id), { body })) as APIMessage;
      return { ref: `${dm.id}/${message.id}` };
    } catch (err) {
      throw toSendError(err, `direct message to ${userId}`);
    }
  }

  async edit(request: EditRequest): Promise<void> {
    const [channel, id] = request.ref.includes('/') ? (request.ref.split('/', 2) as [string, string]) : [request.channelId, request.ref];
    try {
      await this.rest.patch(Routes.channelMessage(channel, id), { body: this.render(request.message) });
    } catch (err) {
      throw toSendError(err, `PATCH /channels/${channel}/messages/${id}`);
    }
  }

  /**
   * The parent's thread channel: the one opened with it, or one started now (the first reply came
   * later), named after the parent's subject. `opened` tells the outbox to remember it, so it is
   * started once; a thread Discord already has (160004) is the same thread, remembered too.
   */
  private async threadFor(request: PostRequest): Promise<{ channel: string; opened?: boolean }> {
    if (request.parentOwnThreadRef) return { channel: request.parentOwnThreadRef };
    const parent = request.threadRef!;
    if (parent.includes('/')) return { channel: parent.split('/', 1)[0]! };
    try {
      await this.createThread(request.channelId, parent, request.threadSubject);
    } catch (err) {
      if (!isApiError(err, THREAD_ALREADY_EXISTS)) throw toSendError(err, `POST /channels/${request.channelId}/messages/${parent}/threads`);
    }
    return { channel: parent, opened: true };
  }

  /**
   * The message is out; a thread that cannot be started now is started by the first reply, so
   * its failure is logged rather than making the outbox post the message again.
   */
  private async startThread(channelId: string, messageId: string, message: OpsMessage): Promise<string | undefined> {
    try {
      return (await this.createThread(channelId, messageId, message.title ?? message.text)).id;
    } catch (err) {
      this.log.warn({ err, channelId, messageId }, 'could not start a Discord thread; the first reply will try again');
      return undefined;
    }
  }

  private async createThread(channelId: string, messageId: string, subject: string | undefined): Promise<APIChannel> {
    const name = clip((subject ?? 'dayops').split('\n')[0]!.trim(), LIMITS.threadName) || 'dayops';
    const body = { name, auto_archive_duration: ThreadAutoArchiveDuration.OneDay };
    return (await this.rest.post(Routes.threads(channelId, messageId), { body })) as APIChannel;
  }
}
