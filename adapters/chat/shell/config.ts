import type { ChatPlatformConfig } from '../../../bot/config/chat-platform.js';

/** The local shell: channels by name (`shell:ops`), people by name, no secrets. */
export const shellPlatform: ChatPlatformConfig = { name: 'shell' };
