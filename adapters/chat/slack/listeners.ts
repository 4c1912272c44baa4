import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { Router } from '../../../bot/router.js';
import { decodeActionId } from './action-id.js';
import type { SlackActors } from './actors.js';
import { postReply, responsePayload } from './answer.js';
import { actionKey, actionValue, commandKey, eventKey, slackChannel, stripBotMention, unescapeSlackText, type SlackAction } from './inputs.js';
import type { RecentDeliveries } from './recent-deliveries.js';
import type { SlackRenderer } from './slack-sender.js';

export interface ListenerDeps {
  router: Router;
  /** Channels where a press's public answer is posted too (config echoButtonReplies). */
  echoButtonReplies: readonly string[];
  outbox: Outbox;
  actors: SlackActors;
  render: SlackRenderer;
  recent: RecentDeliveries;
  activity: Activity;
  log: Logger;
}

/**
 * Every listener acknowledges first, so Slack hears back within its 3 seconds whatever the
 * command does, then runs the input through the router and answers the person who asked.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommand(app, deps);
  registerActions(app, deps);
  registerMention(app, deps);
  registerThreadReplies(app, deps);
}

function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const key = commandKey(command.team_id, command.trigger_id);
    if (!deps.recent.firstTime(key)) return;
    await afterAck(deps, 'command', async () => {
      const actor = await deps.actors.actor(command.user_id, command.user_name);
      const text = unescapeSlackText(command.text ?? '');
      const reply = await deps.router.handleCommand({ actor, place: { channel: slackChannel(command.channel_id) }, text, idempotencyKey: key });
      await respond(responsePayload(reply, deps.render));
    });
  });
}

function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ body, action, ack, respond }) => {
    await ack();
    const slackAction = action as SlackAction;
    const name = decodeActionId(slackAction.action_id);
    const value = actionValue(slackAction);
    const channelId = body.channel?.id ?? body.container?.channel_id;
    // Link buttons open a URL in the browser; their press carries nothing to do.
    if (!name || value === undefined || !channelId) return;
    const key = actionKey(body.user.id, slackAction.action_id, slackAction.action_ts ?? body.trigger_id);
    if (!deps.recent.firstTime(key)) return;
    await afterAck(deps, 'action', async () => {
      const channel = slackChannel(channelId);
      const messageTs = body.message?.ts ?? body.container?.message_ts;
      const threadTs = body.message?.thread_ts;
      const messageKey = messageTs ? await deps.outbox.keyForRef(channel, messageTs) : undefined;
      const thread = threadTs && threadTs !== messageTs ? await deps.outbox.keyForRef(channel, threadTs) : undefined;
      const reply = await deps.router.handleAction({
        actor: await deps.actors.actor(body.user.id, body.user.name),
        place: { channel, ...(thread ? { thread } : {}) },
        action: name,
        value,
        ...(messageKey ? { messageKey } : {}),
        idempotencyKey: key,
      });
      // A press leaves the edited message and its thread line; its answer is shown only when it
      // is for the presser alone, or where the team asked for the echo.
      if (reply.visibility === 'public' && !reply.failed && !deps.echoButtonReplies.includes(channel)) return;
      await respond({ ...responsePayload(reply, deps.render), replace_original: false });
    });
  });
}

function registerMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    const key = eventKey(body.event_id);
    if (!event.user || !deps.recent.firstTime(key)) return;
    const user = event.user;
    await afterAck(deps, 'mention', async () => {
      const channel = slackChannel(event.channel);
      const thread = event.thread_ts ? await deps.outbox.keyForRef(channel, event.thread_ts) : undefined;
      const text = unescapeSlackText(stripBotMention(event.text, context.botUserId));
      const reply = await deps.router.handleCommand({
        actor: await deps.actors.actor(user),
        place: { channel, ...(thread ? { thread } : {}) },
        text,
        idempotencyKey: key,
      });
      await postReply(client, deps.render, reply, { channel: event.channel, user, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) });
    });
  });
}

interface ThreadMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
}

/** Plain messages from people in a thread under a message dayops posted; everything else is not ours. */
function registerThreadReplies(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    const message = event as ThreadMessage;
    if (message.subtype !== undefined || message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    // A mention of the bot in a thread arrives as app_mention too; that one answers it.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    const channel = slackChannel(message.channel);
    const thread = await deps.outbox.keyForRef(channel, message.thread_ts);
    const key = eventKey(body.event_id);
    if (!thread || !deps.recent.firstTime(key)) return;
    await afterAck(deps, 'thread reply', () => handleThreadReply(deps, client, message, { channel, thread, key }));
  });
}

async function handleThreadReply(
  deps: ListenerDeps,
  client: webApi.WebClient,
  message: ThreadMessage,
  where: { channel: string; thread: string; key: string },
): Promise<void> {
  const user = message.user as string;
  const reply = await deps.router.handleThreadReply({
    actor: await deps.actors.actor(user),
    place: { channel: where.channel, thread: where.thread },
    text: unescapeSlackText(message.text ?? ''),
    idempotencyKey: where.key,
  });
  if (reply) await postReply(client, deps.render, reply, { channel: message.channel, user, threadTs: message.thread_ts as string });
}

/** Work after the acknowledgement: tracked for shutdown, and its failures logged, since Slack already heard "ok". */
async function afterAck(deps: ListenerDeps, what: string, work: () => Promise<void>): Promise<void> {
  await deps.activity.track(work().catch((err: unknown) => deps.log.error({ err, what }, 'a Slack request failed after it was acknowledged')));
}
