import type { ChatAdapter } from '../adapter.js';
import { shellPlatform } from './config.js';

/**
 * The local shell, the default with no tokens. bin/ runs it at a terminal (bin/shell-runner.ts),
 * or logs its channels' messages when dayops serves without one, so it installs nothing here.
 */
export const shellAdapter: ChatAdapter = { name: 'shell', config: shellPlatform };
