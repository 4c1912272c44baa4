/** Discord posts every interaction here when the application's Interactions Endpoint URL points at dayops. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
