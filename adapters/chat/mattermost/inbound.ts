import type { Actor, ActionInput, CommandInput, ThreadReplyInput } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import type { ButtonContext } from './verify.js';

/** The form Mattermost posts for `/ops` (application/x-www-form-urlencoded). */
export interface SlashCommand {
  token?: string;
  team_id?: string;
  channel_id?: string;
  user_id?: string;
  user_name?: string;
  command?: string;
  text?: string;
  response_url?: string;
  trigger_id?: string;
}

/** The JSON Mattermost posts to a button's `integration.url`. */
export interface ActionRequest {
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  team_id?: string;
  post_id?: string;
  trigger_id?: string;
  type?: string;
  context?: Record<string, unknown>;
}

/** A post as the WebSocket API's `posted` event carries it (JSON inside `data.post`). */
export interface PostedPost {
  id: string;
  user_id: string;
  channel_id: string;
  root_id?: string;
  message?: string;
  type?: string;
  props?: Record<string, unknown>;
}

export function mattermostChannel(channelId: string): string {
  return `mattermost:${channelId}`;
}

export function mattermostActor(people: People, userId: string, userName: string | undefined): Actor {
  const person = people.personFor('mattermost', userId);
  return { platform: 'mattermost', userId, displayName: person ? people.displayName(person) : (userName ?? userId), ...(person ? { person } : {}) };
}

export function commandInput(people: People, form: SlashCommand & { channel_id: string; user_id: string }): CommandInput {
  return {
    actor: mattermostActor(people, form.user_id, form.user_name),
    place: { channel: mattermostChannel(form.channel_id) },
    text: (form.text ?? '').trim(),
    ...(form.trigger_id ? { idempotencyKey: `mattermost:command:${form.trigger_id}` } : {}),
  };
}

/** A press whose context verified; a select menu's choice arrives as `selected_option`. */
export function actionInput(people: People, press: ActionRequest & { channel_id: string; user_id: string }, context: ButtonContext, messageKey: string | undefined): ActionInput {
  const chosen = press.context?.selected_option;
  return {
    actor: mattermostActor(people, press.user_id, press.user_name),
    place: { channel: mattermostChannel(press.channel_id) },
    action: context.action,
    value: context.value || (typeof chosen === 'string' ? chosen : ''),
    ...(messageKey ? { messageKey } : {}),
    idempotencyKey: `mattermost:action:${press.user_id}:${press.post_id ?? '-'}:${press.trigger_id ?? context.sig.slice(0, 16)}`,
  };
}

/** A person's reply in a thread dayops owns: not the bot's own posts, not system messages. */
export function isThreadReply(post: PostedPost, botUserId: string | undefined): boolean {
  return Boolean(post.root_id) && post.user_id !== botUserId && !post.type && post.props?.from_bot !== 'true';
}

export function threadReplyInput(people: People, post: PostedPost, thread: string, senderName: string | undefined): ThreadReplyInput {
  return {
    actor: mattermostActor(people, post.user_id, senderName?.replace(/^@/, '')),
    place: { channel: mattermostChannel(post.channel_id), thread },
    text: post.message ?? '',
    idempotencyKey: `mattermost:post:${post.id}`,
  };
}
