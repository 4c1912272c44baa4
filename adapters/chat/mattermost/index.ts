import type { ChatAdapter } from '../adapter.js';
import { mattermostPlatform } from './config.js';
import { installMattermost } from './install.js';
import { mattermostSetup } from './setup.js';

/** Mattermost: the /ops slash command and message buttons over HTTP, REST API v4, the WebSocket API for thread replies. */
export const mattermostAdapter: ChatAdapter = {
  name: 'mattermost',
  config: mattermostPlatform,
  install: (app) => installMattermost(app),
  cli: [
    {
      name: 'mattermost-setup',
      usage: 'print what a Mattermost admin configures: bot account, /ops slash command, untrusted internal connections',
      async run({ config, write }) {
        for (const line of mattermostSetup(config)) write(line);
        return 0;
      },
    },
  ],
};
