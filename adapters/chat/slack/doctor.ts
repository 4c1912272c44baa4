import { webApi } from '@slack/bolt';
import type { ChannelCheck } from '../../../bot/chat-sender.js';
import type { SlackSecrets } from './config.js';
import { clientOptions } from './client-options.js';
import { PermanentSendError } from '../../../bot/chat-sender.js';
import { joinFix, slackCode, toSendError } from './errors.js';

/**
 * `dayops doctor` for Slack: the token with auth.test, then each channel with conversations.info
 * (channels:read, groups:read): does it exist, is it archived, can the bot post there.
 */
export async function checkSlackChannels(secrets: SlackSecrets, ids: readonly string[]): Promise<ChannelCheck[]> {
  const client = new webApi.WebClient(secrets.botToken, clientOptions(secrets.apiUrl));
  try {
    await client.auth.test();
  } catch (err) {
    const detail = `the bot token is refused (${slackCode(err) ?? (err as Error).message}); reinstall the app and set SLACK_BOT_TOKEN`;
    return ids.map((id) => ({ channel: `slack:${id}`, status: slackCode(err) ? 'cannot' : 'unknown', detail }));
  }
  return Promise.all(ids.map((id) => checkOne(client, id)));
}

async function checkOne(client: webApi.WebClient, id: string): Promise<ChannelCheck> {
  const channel = `slack:${id}`;
  try {
    const info = await client.conversations.info({ channel: id });
    const c = info.channel ?? {};
    const name = c.name ? `#${c.name}` : id;
    if (c.is_archived) return { channel, status: 'cannot', detail: `${name} is archived: unarchive it, or point the configuration at another channel` };
    if (c.is_member) return { channel, status: 'ok', detail: `${name}, the bot is a member` };
    if (c.is_private) return { channel, status: 'cannot', detail: `${name} is private and the bot is not in it: ${joinFix('method_not_supported_for_channel_type')}` };
    return { channel, status: 'ok', detail: `${name}, public: dayops posts there and joins it when it must (channels:join)` };
  } catch (err) {
    const code = slackCode(err);
    if (code === 'missing_scope') return { channel, status: 'unknown', detail: 'cannot check without channels:read and groups:read: reinstall the app from a fresh `dayops slack-manifest`' };
    const refused = toSendError(err, 'conversations.info');
    if (refused instanceof PermanentSendError) return { channel, status: 'cannot', detail: `${code}: ${refused.undeliverable.fix}` };
    return { channel, status: code ? 'cannot' : 'unknown', detail: code ?? (err as Error).message };
  }
}
