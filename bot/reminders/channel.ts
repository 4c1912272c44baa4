import { badInput } from '../errors.js';

const QUALIFIED = /^(shell|slack|discord):#?[\w.-]+$/;
const SLACK_LINK = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/;
const DISCORD_LINK = /^<#(\d+)>$/;
const BARE = /^#?([\w.-]+)$/;

/**
 * The channel a person named, platform-qualified: `shell:ops` as written, a Slack or Discord
 * channel link as the platform sends it, or `#ops` on the platform the command came from.
 */
export function resolveChannel(text: string, fromChannel: string): string {
  const t = text.trim();
  if (QUALIFIED.test(t)) return t.replace(':#', ':');
  const slack = SLACK_LINK.exec(t);
  if (slack) return `slack:${slack[1]}`;
  const discord = DISCORD_LINK.exec(t);
  if (discord) return `discord:${discord[1]}`;
  const bare = BARE.exec(t);
  const platform = fromChannel.slice(0, Math.max(0, fromChannel.indexOf(':'))) || 'shell';
  if (bare) return `${platform}:${bare[1]}`;
  throw badInput(`"${text}" is not a channel; name one like #ops.`);
}
