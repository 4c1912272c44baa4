import type { ChatSender, EditRequest, PostRequest, PostResult } from '../../../bot/chat-sender.js';
import type { OpsMessage } from '../../../bot/model.js';
import type { MattermostClient } from './client.js';
import { toSendError } from './errors.js';
import type { MattermostPost } from './render.js';

/** Renders a message for the message with this outbox key (buttons are signed per message). */
export type MattermostRenderer = (message: OpsMessage, key: string) => Promise<MattermostPost>;

/** Who dayops is on the server, learnt at start (GET /users/me): DMs are opened with this id. */
export interface BotIdentity {
  userId(): string | undefined;
}

/**
 * The outbox's way into Mattermost: a post is a `POST /posts` (a reply in a thread carries the
 * parent's id as `root_id`), an edit in place a `PUT /posts/{id}/patch`. `@<user id>` is a
 * direct message, in the bot's direct channel with that person.
 */
export class MattermostSender implements ChatSender {
  readonly platform = 'mattermost';
  private readonly client: MattermostClient;
  private readonly render: MattermostRenderer;
  private readonly bot: BotIdentity;

  constructor(deps: { client: MattermostClient; render: MattermostRenderer; bot: BotIdentity }) {
    ({ client: this.client, render: this.render, bot: this.bot } = deps);
  }

  async post(request: PostRequest): Promise<PostResult> {
    const channelId = request.channelId.startsWith('@') ? await this.directChannel(request.channelId.slice(1)) : request.channelId;
    const body = { channel_id: channelId, ...(await this.render(request.message, request.key)), ...(request.threadRef ? { root_id: request.threadRef } : {}) };
    try {
      const post = await this.client.post<{ id: string }>('/posts', body);
      return { ref: post.id };
    } catch (err) {
      throw toSendError(err, `POST /posts in ${channelId}`);
    }
  }

  async edit(request: EditRequest): Promise<void> {
    const body = await this.render(request.message, request.key);
    try {
      await this.client.put(`/posts/${encodeURIComponent(request.ref)}/patch`, body);
    } catch (err) {
      throw toSendError(err, `PUT /posts/${request.ref}/patch`);
    }
  }

  private async directChannel(userId: string): Promise<string> {
    const me = this.bot.userId();
    if (!me) throw new Error('the bot account is not known yet (GET /users/me has not answered); retrying');
    try {
      return (await this.client.post<{ id: string }>('/channels/direct', [me, userId])).id;
    } catch (err) {
      throw toSendError(err, `POST /channels/direct with ${userId}`);
    }
  }
}
