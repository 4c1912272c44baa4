/**
 * Pure pieces of turning Slack payloads into neutral inputs: the command text of a mention,
 * the chosen value of an action, and idempotency keys from Slack's own ids, so a redelivery of
 * the same request maps to the same key.
 */

export function slackChannel(channelId: string): string {
  return `slack:${channelId}`;
}

/** `<@UBOT> deploy api` → `deploy api`; other mentions in the line stay. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`^\\s*<@${botUserId}(\\|[^>]*)?>`) : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(own, '').trim();
}

/** Slack escapes `&`, `<` and `>` in message text; the command line wants them back. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function commandKey(teamId: string | undefined, triggerId: string): string {
  return `slack:command:${teamId ?? '-'}:${triggerId}`;
}

/** A retried delivery of the same press carries the same action_ts. */
export function actionKey(userId: string, actionId: string, actionTs: string): string {
  return `slack:action:${userId}:${actionId}:${actionTs}`;
}

export function eventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

export interface SlackAction {
  action_id: string;
  action_ts?: string;
  value?: string;
  selected_option?: { value: string } | null;
}

/** The button's value, or the option chosen in a select; undefined for anything else. */
export function actionValue(action: SlackAction): string | undefined {
  if (typeof action.value === 'string') return action.value;
  return action.selected_option?.value;
}
