import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { OpsMessage } from '../../../bot/model.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { People } from '../../../bot/people.js';
import type { Router } from '../../../bot/router.js';
import type { MattermostClient } from './client.js';
import { isThreadReply, mattermostChannel, threadReplyInput, type PostedPost } from './inbound.js';
import type { MattermostPost } from './render.js';
import type { BotIdentity } from './sender.js';
import type { SocketEvent } from './socket.js';

export interface ThreadDeps {
  router: Router;
  outbox: Outbox;
  people: People;
  client: MattermostClient;
  bot: BotIdentity;
  render(message: OpsMessage): Promise<MattermostPost>;
  activity: Activity;
  log: Logger;
}

/**
 * `posted` events: a person's reply in the thread of a message dayops posted goes to the feature
 * that owns the thread (an incident records it on its timeline); its answer, if any, goes into the thread.
 */
export function threadReplies(deps: ThreadDeps): (event: SocketEvent) => void {
  return (event) => {
    if (event.event !== 'posted' || typeof event.data.post !== 'string') return;
    let post: PostedPost;
    try {
      post = JSON.parse(event.data.post) as PostedPost;
    } catch {
      return;
    }
    if (!isThreadReply(post, deps.bot.userId())) return;
    const sender = typeof event.data.sender_name === 'string' ? event.data.sender_name : undefined;
    void deps.activity.track(handle(deps, post, sender).catch((err: unknown) => deps.log.error({ err, post: post.id }, 'a Mattermost thread reply failed')));
  };
}

async function handle(deps: ThreadDeps, post: PostedPost, sender: string | undefined): Promise<void> {
  const thread = await deps.outbox.keyForRef(mattermostChannel(post.channel_id), post.root_id!);
  if (!thread) return;
  const reply = await deps.router.handleThreadReply(threadReplyInput(deps.people, post, thread, sender));
  if (reply) await deps.client.post('/posts', { channel_id: post.channel_id, root_id: post.root_id, ...(await deps.render(reply.message)) });
}
