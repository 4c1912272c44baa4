import type { ChatAdapter } from '../adapters/chat/adapter.js';
import { discordAdapter } from '../adapters/chat/discord/index.js';
import { mattermostAdapter } from '../adapters/chat/mattermost/index.js';
import { shellAdapter } from '../adapters/chat/shell/index.js';
import { slackAdapter } from '../adapters/chat/slack/index.js';
import type { ChatPlatformConfig } from '../bot/config/chat-platform.js';

/** The chat platforms dayops has: a new one is a folder under adapters/chat/ and one line here. */
export const CHAT_ADAPTERS: readonly ChatAdapter[] = [
  shellAdapter,
  slackAdapter,
  discordAdapter,
  mattermostAdapter,
];

export const CHAT_PLATFORMS: readonly ChatPlatformConfig[] = CHAT_ADAPTERS.map((adapter) => adapter.config);
