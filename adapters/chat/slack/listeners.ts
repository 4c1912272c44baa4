import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { ActionInput, Actor } from '../../../bot/model.js';
import type { Router } from '../../../bot/router.js';
import { decodeActionId } from './action-id.js';
import type { SlackActors } from './actors.js';
import { postReply, responsePayload } from './answer.js';
import { actionKey, actionValue, commandKey, eventKey, slackChannel, stripBotMention, unescapeSlackText, type SlackAction } from './inbound.js';
import type { RecentDeliveries } from './recent-deliveries.js';
import type { SlackRenderer } from './sender.js';

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
 * Every listener acknowledges before the work, so Slack hears back within its 3 seconds whatever
 * the command does, then runs the input through the router and answers the person who asked.
 * A slash command or a press is recorded in the store before its acknowledgement (the router's
 * accepted inputs), so one acknowledged and then cut off by a crash runs at the next start.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommand(app, deps);
  registerActions(app, deps);
  registerMention(app, deps);
  registerThreadReplies(app, deps);
}

function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack, respond }) => {
    const key = commandKey(command.team_id, command.trigger_id);
    if (!deps.recent.firstTime(key)) return ack();
    const input = { actor: plainActor(command.user_id, command.user_name), place: { channel: slackChannel(command.channel_id) }, text: unescapeSlackText(command.text ?? ''), idempotencyKey: key };
    const refused = await deps.router.accepted.accept({ kind: 'command', input }, { platform: 'slack', route: { responseUrl: command.response_url } });
    // The store cannot record it: the acknowledgement itself says nothing was changed.
    if (refused) return ack(responsePayload(refused, deps.render));
    await ack();
    await afterAck(deps, 'command', async () => {
      const actor = await deps.actors.actor(command.user_id, command.user_name);
      const reply = await deps.router.handleCommand({ ...input, actor });
      await respond(responsePayload(reply, deps.render));
    }, key);
  });
}

function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ body, action, ack, respond }) => {
    const slackAction = action as SlackAction;
    const name = decodeActionId(slackAction.action_id);
    const value = actionValue(slackAction);
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const key = actionKey(body.user.id, slackAction.action_id, slackAction.action_ts ?? body.trigger_id);
    // Link buttons open a URL in the browser; their press carries nothing to do.
    if (!name || value === undefined || !channelId || !deps.recent.firstTime(key)) return ack();
    const input = await actionInput(deps, body, { name, value, channelId, key });
    const refused = await deps.router.accepted.accept({ kind: 'action', input }, { platform: 'slack', route: { responseUrl: body.response_url } });
    await ack();
    if (refused) {
      await respond({ ...responsePayload(refused, deps.render), replace_original: false });
      return;
    }
    await afterAck(deps, 'action', async () => {
      const reply = await deps.router.handleAction({ ...input, actor: await deps.actors.actor(body.user.id, body.user.name) });
      // A press leaves the edited message and its thread line; its answer is shown only when it
      // is for the presser alone, or where the team asked for the echo.
      if (reply.visibility === 'public' && !reply.failed && !deps.echoButtonReplies.includes(input.place.channel)) return;
      await respond({ ...responsePayload(reply, deps.render), replace_original: false });
    }, key);
  });
}

/** The press as a neutral input; the message it sat on is found from its Slack ts (a local lookup). */
async function actionInput(deps: ListenerDeps, body: BlockAction, press: { name: string; value: string; channelId: string; key: string }): Promise<ActionInput> {
  const channel = slackChannel(press.channelId);
  const messageTs = body.message?.ts ?? body.container?.message_ts;
  const threadTs = body.message?.thread_ts;
  const messageKey = messageTs ? await deps.outbox.keyForRef(channel, messageTs) : undefined;
  const thread = threadTs && threadTs !== messageTs ? await deps.outbox.keyForRef(channel, threadTs) : undefined;
  return {
    actor: plainActor(body.user.id, body.user.name),
    place: { channel, ...(thread ? { thread } : {}) },
    action: press.name,
    value: press.value,
    ...(messageKey ? { messageKey } : {}),
    idempotencyKey: press.key,
  };
}

/** Who asked, before their user groups are read (that may call Slack, after the acknowledgement). */
function plainActor(userId: string, name: string | undefined): Actor {
  return { platform: 'slack', userId, displayName: name ?? userId };
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

/**
 * Work after the acknowledgement: tracked for shutdown, and its failures logged, since Slack
 * already heard "ok". With `accepted`, the input recorded before the acknowledgement is
 * forgotten once the work is over (answered, or failed and logged: running it again would not help).
 */
async function afterAck(deps: ListenerDeps, what: string, work: () => Promise<void>, accepted?: string): Promise<void> {
  const done = work()
    .catch((err: unknown) => deps.log.error({ err, what }, 'a Slack request failed after it was acknowledged'))
    .then(() => deps.router.accepted.done(accepted));
  await deps.activity.track(done);
}
