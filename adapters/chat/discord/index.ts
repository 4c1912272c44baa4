import { ConfigError } from '../../../bot/config/load.js';
import type { ChatAdapter } from '../adapter.js';
import { discordPlatform } from './config.js';
import { checkDiscordChannels } from './doctor.js';
import { installDiscord } from './install.js';
import { discordRegister } from './register-cli.js';

/** Discord: HTTP interactions (POST /discord/interactions) or the gateway; embeds and components; `dayops discord-register`. */
export const discordAdapter: ChatAdapter = {
  name: 'discord',
  config: discordPlatform,
  install: (app) => installDiscord(app),
  doctor: (config, ids) => checkDiscordChannels(config, ids),
  cli: [
    {
      name: 'discord-register',
      usage: 'register /ops with Discord and print what changed; --guild <id> for one server',
      async run({ config, registry, options, write }) {
        const guild = typeof options.guild === 'string' ? options.guild : undefined;
        try {
          await discordRegister(config, registry, guild, write);
          return 0;
        } catch (err) {
          if (err instanceof ConfigError) throw err;
          throw new Error(`registering with Discord failed: ${(err as Error).message}`);
        }
      },
    },
  ],
};
