import { InteractionContextType, type APIInteraction } from 'discord.js';
import type { DiscordConfig } from './config.js';

export type GuildScope = Pick<DiscordConfig, 'guilds' | 'allowDMs'>;

/**
 * Why dayops will not act on this interaction, in one sentence for the person; undefined when it
 * comes from a server dayops serves (or a DM, where those are switched on). Checked before the
 * router, so nothing is read or changed for a stranger's server.
 */
export function scopeRefusal(interaction: Pick<APIInteraction, 'guild_id' | 'context'>, scope: GuildScope): string | undefined {
  const guild = interaction.guild_id;
  if (!guild) {
    if (scope.allowDMs && interaction.context !== InteractionContextType.PrivateChannel) return undefined;
    return 'dayops works in its team’s server only, not in direct messages; use /ops in the server’s channels.';
  }
  if (scope.guilds.includes(guild)) return undefined;
  if (scope.guilds.length === 0) {
    return `dayops serves no Discord server yet: an admin adds this server’s id ${guild} to discord.guilds (or DISCORD_GUILD_IDS) in its configuration.`;
  }
  return 'dayops does not serve this server; it answers only in the servers its configuration lists.';
}

/** Where /ops may be used: servers, and DMs with the bot only when they are allowed. */
export function commandContexts(allowDMs: boolean): InteractionContextType[] {
  return allowDMs ? [InteractionContextType.Guild, InteractionContextType.BotDM] : [InteractionContextType.Guild];
}
