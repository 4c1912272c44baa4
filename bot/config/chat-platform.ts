import type { z } from 'zod';
import type { Env } from './load.js';

/** How a platform's channel ids look, and how a person writes one there. */
export interface ChannelIdForm {
  pattern: RegExp;
  example: string;
}

/** An environment variable that fills in or overrides one setting of a platform's config section. */
export interface EnvSetting {
  /** The key in the platform's section (`guilds`). */
  key: string;
  variable: string;
  /** A comma-separated list (`<PLATFORM>_IDS=1,2`). */
  list?: boolean;
}

/** Reads one secret: `NAME` or the contents of the file `NAME_FILE` names. */
export type SecretReader = (name: string) => string | undefined;

/**
 * What the core knows of a chat platform once the configuration is loaded (`Config.chatPlatforms`):
 * plain data, so a Config can be cloned.
 */
export interface ChatPlatformInfo {
  /** The channel prefix and the key of everything else: `<name>` in `<name>:C0123`. */
  name: string;
  /** Keys of the secrets that are secret (a token, not an API URL): censored in logs and output. */
  secretKeys?: readonly string[];
  /** Request headers that carry a credential (a request signature), censored in logs. */
  secretHeaders?: readonly string[];
  /** The form of a channel id; a name (`#ops`) is resolved through the platform's channel directory. */
  channelId?: ChannelIdForm;
  /** True where the adapter's sender opens a direct message for a `<name>:@<user id>` channel. */
  directMessages?: boolean;
  /** The platform's link to a channel as it appears in command text (`<#C0123|ops>`); group 1 is the id. */
  channelLink?: RegExp;
}

/**
 * What the configuration needs to know of a chat platform: the core's port, implemented by each
 * chat adapter and handed to `loadConfig` by bin/. The core itself names no platform.
 */
export interface ChatPlatformConfig extends ChatPlatformInfo {
  /** The platform's section of the config file (`<name>:`), settings that are not secrets. */
  section?: z.ZodObject;
  envSettings?: readonly EnvSetting[];
  /**
   * The platform's secrets from the environment (each `NAME` or `NAME_FILE`), validated with its
   * own zod schema; undefined when the platform is not configured. Throws ConfigError on a half
   * configuration, with a sentence that names the variable to set.
   */
  readSecrets?(secret: SecretReader, env: Env): Record<string, string | undefined> | undefined;
}

/** The data part of a platform's port, as Config keeps it. */
export function platformInfo(platform: ChatPlatformConfig): ChatPlatformInfo {
  const { name, secretKeys, secretHeaders, channelId, directMessages, channelLink } = platform;
  return { name, secretKeys, secretHeaders, channelId, directMessages, channelLink };
}
