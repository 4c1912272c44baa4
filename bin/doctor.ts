import type { ChannelCheck } from '../bot/chat-sender.js';
import type { Config } from '../bot/config/schema.js';
import { splitChannel } from '../bot/model.js';
import type { ChatAdapter } from '../adapters/chat/adapter.js';
import { CHAT_ADAPTERS } from './chat-adapters.js';

/** Every chat channel the configuration names, with where: `slack:C0123` ← channels.deploys. */
export function configuredChannels(config: Config, adapters: readonly ChatAdapter[] = CHAT_ADAPTERS): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const checked = new Set(adapters.filter((a) => a.doctor).map((a) => a.name));
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string' && checked.has(splitChannel(value).platform) && value.includes(':')) found.set(value, [...(found.get(value) ?? []), path.join('.')]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  const { secrets: _secrets, childEnv: _env, chatPlatforms: _platforms, ...settings } = config;
  walk(settings, []);
  return found;
}

/**
 * `dayops doctor`: checks every chat channel the configuration names against its platform's API
 * (each adapter's doctor) and lists those the bot cannot post to, with how to fix it. Exit 1 if any.
 */
export async function runDoctor(config: Config, write: (line: string) => void, adapters: readonly ChatAdapter[] = CHAT_ADAPTERS): Promise<number> {
  const channels = configuredChannels(config, adapters);
  const ids = (platform: string) => [...channels.keys()].filter((c) => splitChannel(c).platform === platform).map((c) => splitChannel(c).id);
  const checks: ChannelCheck[] = [];
  for (const adapter of adapters) {
    const found = ids(adapter.name);
    if (adapter.doctor && found.length > 0) checks.push(...(await adapter.doctor(config, found)));
  }
  if (checks.length === 0) {
    write(`dayops doctor: the configuration names no ${adapters.filter((a) => a.doctor).map((a) => a.name).join(' or ')} channel; nothing to check.`);
    return 0;
  }
  const bad = checks.filter((c) => c.status !== 'ok');
  write(`dayops doctor: ${checks.length} channel${checks.length === 1 ? '' : 's'} checked, ${bad.length} the bot cannot post to or could not check.`);
  for (const check of [...bad, ...checks.filter((c) => c.status === 'ok')]) {
    write(`  ${check.status.padEnd(7)} ${check.channel} (${channels.get(check.channel)?.join(', ')}): ${check.detail}`);
  }
  return bad.some((c) => c.status === 'cannot') ? 1 : 0;
}
