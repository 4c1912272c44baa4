import { z } from 'zod';

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
