import type { webApi } from '@slack/bolt';
import type { Reply } from '../../../bot/model.js';
import type { SlackRenderer } from './sender.js';

/** What a response_url takes: private replies reach the asker only, public ones the channel. */
export function responsePayload(reply: Reply, render: SlackRenderer) {
  const { text, blocks } = render(reply.message);
  return { response_type: reply.visibility === 'private' ? ('ephemeral' as const) : ('in_channel' as const), text, blocks };
}

export interface ReplyTarget {
  channel: string;
  /** The person who asked: private replies go to them alone. */
  user: string;
  threadTs?: string;
}

/** Answers an event (a mention, a thread reply), which has no response_url, through the Web API. */
export async function postReply(client: webApi.WebClient, render: SlackRenderer, reply: Reply, target: ReplyTarget): Promise<void> {
  const { text, blocks } = render(reply.message);
  const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
  if (reply.visibility === 'private') {
    await client.chat.postEphemeral({ channel: target.channel, user: target.user, text, blocks, ...thread });
  } else {
    await client.chat.postMessage({ channel: target.channel, text, blocks, unfurl_links: false, unfurl_media: false, ...thread });
  }
}
