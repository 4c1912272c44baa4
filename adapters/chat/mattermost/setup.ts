import type { Config } from '../../../bot/config/schema.js';
import { mattermostSecrets } from './config.js';
import { MATTERMOST_ACTIONS_PATH, MATTERMOST_COMMAND_PATH } from './paths.js';

/** `dayops mattermost-setup`: what a Mattermost admin configures for this installation, in order. */
export function mattermostSetup(config: Config): string[] {
  const base = (config.publicUrl ?? 'https://<dayops host>').replace(/\/+$/, '');
  const host = config.publicUrl ? new URL(config.publicUrl).hostname : '<dayops host>';
  const secrets = mattermostSecrets(config);
  return [
    'Mattermost setup for dayops',
    '',
    '1. Bot account: System Console → Integrations → Bot Accounts → enable them; then Integrations → Bot Accounts → Add',
    '   (username dayops). Copy its access token into MATTERMOST_BOT_TOKEN, and add the bot to the teams and channels dayops posts to.',
    '2. Slash command: Integrations → Slash Commands → Add, in each team dayops serves:',
    '     Command Trigger Word: ops',
    `     Request URL:          ${base}${MATTERMOST_COMMAND_PATH}`,
    '     Request Method:       POST',
    '     Autocomplete:         on, hint "help | deploy | decision | …"',
    '   Copy the token Mattermost shows into MATTERMOST_COMMAND_TOKEN.',
    '   "Enable integrations to override usernames" and "… profile picture icons" are not needed: dayops posts as its bot account.',
    `3. Buttons: Mattermost posts each press to ${base}${MATTERMOST_ACTIONS_PATH}. If that address is on your internal network,`,
    `   add ${host} to System Console → Environment → Developer → Allow untrusted internal connections to`,
    '   (ServiceSettings.AllowedUntrustedInternalConnections); the slash command needs it for the same host.',
    '4. Thread replies (incident timelines) come over the WebSocket API with the bot token; nothing to configure.',
    `5. Set MATTERMOST_URL (the server, such as https://chat.example.com)${secrets ? `: now ${secrets.url}` : ''}, MATTERMOST_BOT_TOKEN and`,
    '   MATTERMOST_COMMAND_TOKEN (each also as <NAME>_FILE), and DAYOPS_PUBLIC_URL to the address Mattermost reaches dayops at.',
    ...(config.publicUrl ? [] : ['', 'DAYOPS_PUBLIC_URL is not set: the addresses above are placeholders until it is.']),
  ];
}
