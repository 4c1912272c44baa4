import { ConfigError } from '../../../bot/config/load.js';
import type { Config } from '../../../bot/config/schema.js';
import { CommandRegistry } from '../../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../../commands/index.js';
import { registerCommands } from './register.js';
import { createRest } from './rest.js';

/** `dayops discord-register [--guild <id>]`: registers /ops and prints what changed. */
export async function discordRegister(config: Config, guildId: string | undefined, write: (line: string) => void): Promise<void> {
  const secrets = config.secrets.discord;
  if (!secrets?.token) throw new ConfigError('DISCORD_TOKEN is not set; registering commands needs the bot token.');
  if (!secrets.applicationId) throw new ConfigError('DISCORD_APPLICATION_ID is not set; it is the Application ID on the General Information page of the Developer Portal.');
  const rest = createRest({ token: secrets.token, apiUrl: secrets.apiUrl }, false);
  const target = { applicationId: secrets.applicationId, ...(guildId ? { guildId } : {}) };
  const result = await registerCommands(rest, target, new CommandRegistry(COMMANDS, ACTIONS));
  write(`Registered /ops for ${result.scope}.`);
  if (result.changes.length === 0) write('Nothing changed.');
  for (const line of result.changes) write(`  ${line}`);
}
