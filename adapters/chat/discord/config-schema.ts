import { z } from 'zod';

/** The `discord:` section of the config file; tokens and keys come from the environment. */
export const discordConfigSchema = z
  .object({
    /**
     * Gateway mode only: deliver replies typed in a bot's threads (incident timelines). Needs the
     * privileged Message Content intent, switched on in the Developer Portal.
     */
    threadReplies: z.boolean().default(false),
  })
  .strict();

export type DiscordConfig = z.infer<typeof discordConfigSchema>;
