/** Slash commands, interactivity and events all arrive on this one path of the core's HTTP server. */
export const SLACK_EVENTS_PATH = '/slack/events';
