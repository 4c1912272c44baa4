import { z } from 'zod';
import type { ChatPlatformConfig } from '../../../bot/config/chat-platform.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { Config } from '../../../bot/config/schema.js';
import { parseSecrets, secretsOf } from '../secrets.js';

/**
 * The `slack:` section of the config file. Requests from any other workspace are refused; with
 * neither id set, the workspace is the bot token's own (auth.test).
 */
export const slackConfigSchema = z
  .object({
    /** The workspace (team) id, T…: Slack → workspace menu → About, or auth.test. */
    teamId: z.string().regex(/^T[A-Z0-9]+$/, { message: 'must be a Slack team id such as T0A1B2C3D4E' }).optional(),
    /** An Enterprise Grid org id, E…: requests must come from it too (any of its workspaces when teamId is not set). */
    enterpriseId: z.string().regex(/^E[A-Z0-9]+$/, { message: 'must be a Slack Enterprise Grid id such as E0A1B2C3D4E' }).optional(),
  })
  .strict();

export type SlackConfig = z.infer<typeof slackConfigSchema>;

/** What Slack needs from the environment; the bot token is what configures Slack at all. */
export const slackSecretsSchema = z.object({
  botToken: z.string().min(1),
  signingSecret: z.string().optional(),
  appToken: z.string().optional(),
  apiUrl: z.url().optional(),
});

export type SlackSecrets = z.infer<typeof slackSecretsSchema>;

export const slackPlatform: ChatPlatformConfig = {
  name: 'slack',
  section: slackConfigSchema,
  envSettings: [{ key: 'teamId', variable: 'SLACK_TEAM_ID' }],
  readSecrets(secret, env) {
    const botToken = secret('SLACK_BOT_TOKEN');
    if (!botToken) {
      if (secret('SLACK_APP_TOKEN') || secret('SLACK_SIGNING_SECRET')) {
        throw new ConfigError('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not; set SLACK_BOT_TOKEN (xoxb-…) too.');
      }
      return undefined;
    }
    return parseSecrets(slackSecretsSchema, { botToken, signingSecret: secret('SLACK_SIGNING_SECRET'), appToken: secret('SLACK_APP_TOKEN'), apiUrl: env.SLACK_API_URL }, { apiUrl: 'SLACK_API_URL' });
  },
  secretKeys: ['botToken', 'signingSecret', 'appToken'],
  secretHeaders: ['x-slack-signature'],
  channelId: { pattern: /^[CGD][A-Z0-9]{6,}$/, example: 'slack:C0123ABCD' },
  // The sender posts `slack:@U0123` to the person's user id: Slack opens the bot's DM with them.
  directMessages: true,
  channelLink: /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/,
};

/** Slack's secrets as the adapter reads them; undefined when Slack is not configured. */
export function slackSecrets(config: Config): SlackSecrets | undefined {
  return secretsOf(config, 'slack', slackSecretsSchema);
}

declare module '../../../bot/config/schema.js' {
  /** The `slack:` section: settings that are not secrets. */
  interface AdapterSections { slack: SlackConfig }
}
