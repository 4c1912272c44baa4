import { z } from 'zod';
import type { ChatPlatformConfig } from '../../../bot/config/chat-platform.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { Config } from '../../../bot/config/schema.js';
import { parseSecrets, secretsOf } from '../secrets.js';

/** The `mattermost:` section of the config file; the tokens come from the environment. */
export const mattermostConfigSchema = z
  .object({
    /** Replies typed in the threads of dayops's messages (incident timelines), read over the WebSocket API. */
    threadReplies: z.boolean().default(true),
    /**
     * How long `/ops` may run before its answer is sent through the command's response_url instead
     * of the HTTP answer; Mattermost waits OutgoingIntegrationRequestsTimeout (30 s by default).
     */
    answerWithinMs: z.number().int().min(0).max(25_000).default(2000),
  })
  .strict();

export type MattermostConfig = z.infer<typeof mattermostConfigSchema>;

export const mattermostSecretsSchema = z.object({
  /** The server's address, `https://chat.example.com` (MATTERMOST_URL). */
  url: z.url(),
  /** The bot account's access token (MATTERMOST_BOT_TOKEN). */
  botToken: z.string().min(1),
  /** The token Mattermost shows for the /ops slash command (MATTERMOST_COMMAND_TOKEN). */
  commandToken: z.string().min(1),
  /** Signs the context of dayops's buttons (MATTERMOST_ACTION_SECRET); derived from the bot token when not set. */
  actionSecret: z.string().min(16).optional(),
});

export type MattermostSecrets = z.infer<typeof mattermostSecretsSchema>;

const VARIABLES = { url: 'MATTERMOST_URL', botToken: 'MATTERMOST_BOT_TOKEN', commandToken: 'MATTERMOST_COMMAND_TOKEN', actionSecret: 'MATTERMOST_ACTION_SECRET' };

export const mattermostPlatform: ChatPlatformConfig = {
  name: 'mattermost',
  section: mattermostConfigSchema,
  readSecrets(secret, env) {
    const botToken = secret('MATTERMOST_BOT_TOKEN');
    const commandToken = secret('MATTERMOST_COMMAND_TOKEN');
    if (!botToken && !commandToken && !env.MATTERMOST_URL) return undefined;
    const missing = Object.entries({ MATTERMOST_URL: env.MATTERMOST_URL, MATTERMOST_BOT_TOKEN: botToken, MATTERMOST_COMMAND_TOKEN: commandToken }).filter(([, v]) => !v);
    if (missing.length > 0) {
      throw new ConfigError(`Mattermost is half configured: set ${missing.map(([name]) => name).join(' and ')} too (dayops mattermost-setup says where each comes from).`);
    }
    return parseSecrets(mattermostSecretsSchema, { url: env.MATTERMOST_URL, botToken, commandToken, actionSecret: secret('MATTERMOST_ACTION_SECRET') }, VARIABLES);
  },
  secretKeys: ['botToken', 'commandToken', 'actionSecret'],
  // Channel ids are 26 lower-case letters and digits.
  channelId: { pattern: /^[a-z0-9]{26}$/, example: 'mattermost:4xp9fdt2pbgkjm3xgsxyw7zg6a' },
  channelLink: /^~?<?#?([a-z0-9]{26})>?$/,
  // The sender opens the bot's direct channel with the person for `mattermost:@<user id>`.
  directMessages: true,
};

export function mattermostSecrets(config: Config): MattermostSecrets | undefined {
  return secretsOf(config, 'mattermost', mattermostSecretsSchema);
}

declare module '../../../bot/config/schema.js' {
  /** The `mattermost:` section: settings that are not secrets. */
  interface AdapterSections { mattermost: MattermostConfig }
}
