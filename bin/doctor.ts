import type { ChannelCheck } from '../bot/chat-sender.js';
import type { Config } from '../bot/config/schema.js';
import { splitChannel } from '../bot/model.js';
import { checkDiscordChannels } from '../adapters/chat/discord/doctor.js';
import { checkSlackChannels } from '../adapters/chat/slack/doctor.js';

/** Every chat channel the configuration names, with where: `slack:C0123` ← channels.deploys. */
export function configuredChannels(config: Config): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string' && /^(slack|discord):/.test(value)) found.set(value, [...(found.get(value) ?? []), path.join('.')]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  const { secrets: _secrets, childEnv: _env, ...settings } = config;
  walk(settings, []);
  return found;
}

/**
 * `dayops doctor`: checks every Slack and Discord channel the configuration names against the
 * platform's API and lists those the bot cannot post to, with how to fix it. Exit 1 if any.
 */
export async function runDoctor(config: Config, write: (line: string) => void): Promise<number> {
  const channels = configuredChannels(config);
  const ids = (platform: string) => [...channels.keys()].filter((c) => splitChannel(c).platform === platform).map((c) => splitChannel(c).id);
  const checks: ChannelCheck[] = [];
  const slack = ids('slack');
  if (slack.length > 0) {
    if (config.secrets.slack) checks.push(...(await checkSlackChannels(config.secrets.slack, slack)));
    else checks.push(...slack.map((id) => ({ channel: `slack:${id}`, status: 'cannot' as const, detail: 'SLACK_BOT_TOKEN is not set, so dayops cannot post to Slack at all' })));
  }
  const discord = ids('discord');
  if (discord.length > 0) checks.push(...(await checkDiscordChannels(config, discord)));
  if (checks.length === 0) {
    write('dayops doctor: the configuration names no Slack or Discord channel; nothing to check.');
    return 0;
  }
  const bad = checks.filter((c) => c.status !== 'ok');
  write(`dayops doctor: ${checks.length} channel${checks.length === 1 ? '' : 's'} checked, ${bad.length} the bot cannot post to or could not check.`);
  for (const check of [...bad, ...checks.filter((c) => c.status === 'ok')]) {
    write(`  ${check.status.padEnd(7)} ${check.channel} (${channels.get(check.channel)?.join(', ')}): ${check.detail}`);
  }
  return bad.some((c) => c.status === 'cannot') ? 1 : 0;
}
