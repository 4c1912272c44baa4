import { DiscordAPIError, HTTPError } from 'discord.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { Config } from '../../../bot/config/schema.js';
import type { CommandRegistry } from '../../../bot/registry.js';
import { discordSecrets } from './config.js';
import { registerCommands, UnexpectedDiscordAnswer } from './register.js';
import { createRest } from './rest.js';

/** `dayops discord-register [--guild <id>]`: registers /ops and prints what changed. */
export async function discordRegister(config: Config, registry: CommandRegistry, guildId: string | undefined, write: (line: string) => void): Promise<void> {
  const secrets = discordSecrets(config);
  if (!secrets?.token) throw new ConfigError('DISCORD_TOKEN is not set; registering commands needs the bot token.');
  if (!secrets.applicationId) throw new ConfigError('DISCORD_APPLICATION_ID is not set; it is the Application ID on the General Information page of the Developer Portal.');
  const rest = createRest({ token: secrets.token, apiUrl: secrets.apiUrl }, false);
  const target = { applicationId: secrets.applicationId, ...(guildId ? { guildId } : {}) };
  try {
    const result = await registerCommands(rest, target, registry, config.discord);
    write(`Registered /ops for ${result.scope}.`);
    if (result.changes.length === 0) write('Nothing changed.');
    for (const line of result.changes) write(`  ${line}`);
  } catch (err) {
    throw registerError(err, guildId);
  }
}

/** What Discord's refusal means for the person registering, and what to do about it (bin/cli prints the message). */
function registerError(err: unknown, guildId: string | undefined): unknown {
  if (err instanceof UnexpectedDiscordAnswer) return new Error(err.message);
  if (err instanceof DiscordAPIError) {
    if (err.status === 401) return new Error('Discord refused DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Bot page of the Developer Portal.');
    if (err.code === 50001 || err.status === 403) {
      const where = guildId ? `server ${guildId}` : 'this application';
      return new Error(
        `Discord refused access to ${where} (${err.status}, code ${err.code}): invite the bot with the applications.commands scope, and check DISCORD_APPLICATION_ID belongs to DISCORD_TOKEN.`,
      );
    }
    if (err.status === 404) return new Error(`Discord knows no such application or server (404, code ${err.code}): check DISCORD_APPLICATION_ID${guildId ? ' and --guild' : ''}.`);
    if (err.status === 400) return new Error(`Discord refused the /ops definition (400, code ${err.code}): ${err.message}`);
    return new Error(`Discord answered ${err.status} (code ${err.code}): ${err.message}; try again later.`);
  }
  if (err instanceof HTTPError) return new Error(`Discord answered HTTP ${err.status}; try again later.`);
  return err;
}
