import { z } from 'zod';
import type { ChatPlatformConfig } from '../../../bot/config/chat-platform.js';
import type { Config } from '../../../bot/config/schema.js';
import { parseSecrets, secretsOf } from '../secrets.js';

const snowflake = z.string().regex(/^\d{17,20}$/, { message: 'must be a Discord id (17–20 digits; Developer Mode → right-click the server → Copy Server ID)' });

/** The `discord:` section of the config file; tokens and keys come from the environment. */
export const discordConfigSchema = z
  .object({
    /**
     * Gateway mode only: deliver replies typed in a bot's threads (incident timelines). Needs the
     * privileged Message Content intent, switched on in the Developer Portal.
     */
    threadReplies: z.boolean().default(false),
    /** The servers (guild ids) dayops serves; interactions from any other server are refused. */
    guilds: z.array(snowflake).default([]),
    /** Direct messages with the bot: refused unless switched on (and then /ops is registered for DMs too). */
    allowDMs: z.boolean().default(false),
    /**
     * `default_member_permissions` of /ops: the permission bits a member needs to see the command
     * before server admins change it under Integrations. `2048` (Send Messages) by default; `0`
     * shows it to administrators only.
     */
    memberPermissions: z.string().regex(/^\d+$/, { message: 'must be a permission bit set as a decimal string, such as "2048" or "0"' }).default('2048'),
  })
  .strict();

export type DiscordConfig = z.infer<typeof discordConfigSchema>;

/** What Discord needs from the environment: the bot token (gateway, posting) and/or the public key (HTTP interactions). */
export const discordSecretsSchema = z.object({ token: z.string(), publicKey: z.string(), applicationId: z.string(), apiUrl: z.url() }).partial();

export type DiscordSecrets = z.infer<typeof discordSecretsSchema>;

export const discordPlatform: ChatPlatformConfig = {
  name: 'discord',
  section: discordConfigSchema,
  envSettings: [{ key: 'guilds', variable: 'DISCORD_GUILD_IDS', list: true }],
  readSecrets(secret, env) {
    const token = secret('DISCORD_TOKEN');
    const publicKey = secret('DISCORD_PUBLIC_KEY');
    if (!token && !publicKey) return undefined;
    return parseSecrets(discordSecretsSchema, { token, publicKey, applicationId: env.DISCORD_APPLICATION_ID, apiUrl: env.DISCORD_API_URL }, { apiUrl: 'DISCORD_API_URL' });
  },
  secretKeys: ['token'],
  secretHeaders: ['x-signature-ed25519'],
  channelId: { pattern: /^\d{15,22}$/, example: 'discord:1234567890123456789' },
  channelLink: /^<#(\d+)>$/,
  // The sender opens the DM channel with the person for `discord:@<user id>`.
  directMessages: true,
};

/** Discord's secrets as the adapter reads them; undefined when Discord is not configured. */
export function discordSecrets(config: Config): DiscordSecrets | undefined {
  return secretsOf(config, 'discord', discordSecretsSchema);
}

declare module '../../../bot/config/schema.js' {
  /** The `discord:` section: settings that are not secrets. */
  interface AdapterSections { discord: DiscordConfig }
}
