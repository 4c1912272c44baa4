import type { webApi } from '@slack/bolt';
import { PermanentSendError, type ChatSender, type EditRequest, type PostRequest, type PostResult } from '../../../bot/chat-sender.js';
import type { OpsMessage } from '../../../bot/model.js';
import { plainText, type SlackMessage } from './render.js';
import { joinFix, PAYLOAD_CODES, slackCode, toSendError } from './errors.js';

export type SlackRenderer = (message: OpsMessage) => SlackMessage;

type Content = { text: string; blocks?: SlackMessage['blocks'] };

/**
 * The outbox's way into Slack: chat.postMessage for posts (in a thread when asked), chat.update
 * for edits. A public channel the bot is not in is joined (channels:join) and the post sent
 * again; a payload Slack refuses (invalid_blocks, msg_too_long) is sent once more as plain text.
 * A channel `@U…` is the person's direct message with the app.
 */
export class SlackSender implements ChatSender {
  readonly platform = 'slack';

  constructor(
    private readonly client: webApi.WebClient,
    private readonly render: SlackRenderer,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    const channel = request.channelId.replace(/^@/, '');
    const send = async (content: Content) => {
      const result = await this.client.chat.postMessage({
        channel,
        ...content,
        // The fallback text is people's words: shown as typed in notifications, never formatted.
        mrkdwn: false,
        unfurl_links: false,
        unfurl_media: false,
        ...(request.threadRef ? { thread_ts: request.threadRef } : {}),
      });
      if (!result.ts) throw new Error('chat.postMessage answered ok without a ts');
      return { ref: result.ts };
    };
    try {
      return await this.withFallbacks(request.message, send, channel);
    } catch (err) {
      throw toSendError(err, 'chat.postMessage');
    }
  }

  async edit(request: EditRequest): Promise<void> {
    const send = async (content: Content) => {
      // An empty list removes the blocks of the earlier version; plain text replaces them.
      await this.client.chat.update({ channel: request.channelId, ts: request.ref, text: content.text, blocks: content.blocks ?? [] });
    };
    try {
      await this.withFallbacks(request.message, send, undefined);
    } catch (err) {
      throw toSendError(err, 'chat.update');
    }
  }

  private async withFallbacks<T>(message: OpsMessage, send: (content: Content) => Promise<T>, joinable: string | undefined): Promise<T> {
    const { text, blocks } = this.render(message);
    try {
      return await send({ text, blocks });
    } catch (err) {
      const code = slackCode(err);
      if (code && PAYLOAD_CODES.has(code)) return send({ text: plainText(message) });
      if (code === 'not_in_channel' && joinable && !/^[UW]/.test(joinable)) {
        await this.join(joinable);
        return send({ text, blocks });
      }
      throw err;
    }
  }

  /** Public channels can be joined with channels:join; anything else needs an invitation. */
  private async join(channel: string): Promise<void> {
    try {
      await this.client.conversations.join({ channel });
    } catch (err) {
      const code = slackCode(err);
      // Slack refused the join: the post stays refused as not_in_channel, with why joining did not help.
      if (code) throw new PermanentSendError(`chat.postMessage: not_in_channel (conversations.join: ${code})`, { reason: 'not_in_channel', fix: joinFix(code) });
      throw err;
    }
  }
}
