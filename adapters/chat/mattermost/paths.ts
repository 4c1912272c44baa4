/** Where Mattermost posts `/ops` (the slash command's Request URL). */
export const MATTERMOST_COMMAND_PATH = '/mattermost/command';
/** Where Mattermost posts button presses (each button's `integration.url`). */
export const MATTERMOST_ACTIONS_PATH = '/mattermost/actions';
