import type { ChatAdapter } from '../adapter.js';
import { slackPlatform, slackSecrets } from './config.js';
import { checkSlackChannels } from './doctor.js';
import { installSlack } from './install.js';
import { slackManifest } from './manifest.js';

/** Slack: Bolt over HTTP (POST /slack/events) or Socket Mode; Block Kit; `dayops slack-manifest`. */
export const slackAdapter: ChatAdapter = {
  name: 'slack',
  config: slackPlatform,
  install: (app) => installSlack(app),
  async doctor(config, ids) {
    const secrets = slackSecrets(config);
    if (secrets) return checkSlackChannels(secrets, ids);
    return ids.map((id) => ({ channel: `slack:${id}`, status: 'cannot', detail: 'SLACK_BOT_TOKEN is not set, so dayops cannot post to Slack at all' }));
  },
  cli: [
    {
      name: 'slack-manifest',
      usage: 'print the Slack app manifest (YAML); --socket for Socket Mode',
      async run({ config, registry, options, write }) {
        write(slackManifest(config, { socket: Boolean(options.socket), commands: registry.all() }));
        return 0;
      },
    },
  ],
};
