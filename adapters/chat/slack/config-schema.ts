import { z } from 'zod';

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
