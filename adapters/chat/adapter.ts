import type { AppContext } from '../../bot/app-context.js';
import type { ChannelDirectory } from '../../bot/channel-names.js';
import type { ChannelCheck, ChatSender } from '../../bot/chat-sender.js';
import type { ChatPlatformConfig } from '../../bot/config/chat-platform.js';
import type { Config } from '../../bot/config/schema.js';
import type { CommandRegistry } from '../../bot/registry.js';
import type { HttpMethod, Precheck, RouteHandler } from '../http/types.js';

/**
 * The one shape of a chat adapter. Each platform is a folder under adapters/chat/ whose index.ts
 * exports one ChatAdapter; bin/chat-adapters.ts lists them and bin/ installs each in a loop.
 */
export interface ChatAdapter {
  /** The channel prefix (`slack` in `slack:C0123`). */
  readonly name: string;
  /** Its config section, secrets (zod, from the environment), channel ids and links. */
  readonly config: ChatPlatformConfig;
  /**
   * Builds the adapter when the platform is configured; undefined when it is not. Starts nothing.
   * Absent for the shell, which bin/ runs at a terminal rather than inside the app.
   */
  install?(app: ChatInstallContext): InstalledChat | undefined;
  /** `dayops doctor`: can the bot post to these channels (ids without the prefix)? */
  doctor?(config: Config, ids: readonly string[]): Promise<ChannelCheck[]>;
  /** Commands of the dayops CLI this platform adds (`slack-manifest`, `discord-register`). */
  readonly cli?: readonly ChatCliCommand[];
}

/** What an adapter is installed on: the app, and the one command registry every platform serves. */
export interface ChatInstallContext extends AppContext {
  registry: CommandRegistry;
}

/** An HTTP route the platform calls, mounted on the one HTTP server by bin/. */
export interface ChatRoute {
  method: HttpMethod;
  path: string;
  handler: RouteHandler;
  /** Refuses on headers alone (a missing signature) before the body is read. */
  precheck?: Precheck;
}

/** An installed adapter: bin/ mounts its routes, registers its sender and directory, starts and stops it. */
export interface InstalledChat {
  /** How it reaches the platform (`http`, `socket`, `gateway`), for the log. */
  readonly mode: string;
  readonly routes: readonly ChatRoute[];
  /** Absent when the platform can be answered but not posted to (a missing bot token). */
  readonly sender?: ChatSender;
  /** Channel names to ids, on platforms whose API takes ids. */
  readonly directory?: ChannelDirectory;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChatCliCommand {
  name: string;
  /** One line for `dayops help`: what it does and its options. */
  usage: string;
  /** Returns the exit code; a thrown Error's message is printed as the reason. */
  run(input: ChatCliInput): Promise<number>;
}

export interface ChatCliInput {
  config: Config;
  registry: CommandRegistry;
  /** The CLI's options (`--guild`, `--socket`). */
  options: Readonly<Record<string, string | boolean | string[] | undefined>>;
  write(line: string): void;
}
