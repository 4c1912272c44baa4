import type { webApi } from '@slack/bolt';
import type { ChatSender, EditRequest, PostRequest, PostResult } from '../../../bot/chat-sender.js';
import type { OpsMessage } from '../../../bot/model.js';
import type { SlackMessage } from './render-blocks.js';
import { toSendError } from './send-errors.js';

export type SlackRenderer = (message: OpsMessage) => SlackMessage;

/** The outbox's way into Slack: chat.postMessage for posts (in a thread when asked), chat.update for edits. */
export class SlackSender implements ChatSender {
  readonly platform = 'slack';

  constructor(
    private readonly client: webApi.WebClient,
    private readonly render: SlackRenderer,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    const { text, blocks } = this.render(request.message);
    try {
      const result = await this.client.chat.postMessage({
        channel: request.channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(request.threadRef ? { thread_ts: request.threadRef } : {}),
      });
      if (!result.ts) throw new Error('chat.postMessage answered ok without a ts');
      return { ref: result.ts };
    } catch (err) {
      throw toSendError(err, 'chat.postMessage');
    }
  }

  async edit(request: EditRequest): Promise<void> {
    const { text, blocks } = this.render(request.message);
    try {
      await this.client.chat.update({ channel: request.channelId, ts: request.ref, text, blocks });
    } catch (err) {
      throw toSendError(err, 'chat.update');
    }
  }
}
