import type { ChatAdapter, InstalledChat } from '../adapters/chat/adapter.js';
import type { Readiness } from '../adapters/http/readyz.js';
import type { AppContext } from '../bot/app-context.js';
import { registerChannelDirectory } from '../bot/channel-names.js';
import type { CommandRegistry } from '../bot/registry.js';

export interface RunningChat {
  name: string;
  chat: InstalledChat;
}

/** Installs every configured chat platform of the list on the app: routes, sender, directory. */
export function installChats(app: AppContext, registry: CommandRegistry, adapters: readonly ChatAdapter[]): RunningChat[] {
  const running: RunningChat[] = [];
  for (const adapter of adapters) {
    const chat = adapter.install?.({ ...app, registry });
    if (!chat) continue;
    attachChat(app, adapter.name, chat);
    running.push({ name: adapter.name, chat });
  }
  return running;
}

/** Mounts an installed adapter's routes on the one HTTP server and gives the core its sender and directory. */
export function attachChat(app: AppContext, name: string, chat: InstalledChat): void {
  for (const route of chat.routes) app.http.route(route.method, route.path, route.handler, route.precheck ? { precheck: route.precheck } : {});
  if (chat.sender) app.ops.outbox.registerSender(chat.sender);
  if (chat.directory) registerChannelDirectory(app.ops, name, chat.directory);
}

/** A chat connection is not ready until it has started; /readyz says why while it is not. */
export async function startChats(running: readonly RunningChat[], readiness: Readiness | undefined): Promise<void> {
  for (const { name, chat } of running) {
    readiness?.set(name, 'connecting');
    try {
      await chat.start();
      readiness?.set(name, undefined);
    } catch (err) {
      readiness?.set(name, `failed to start: ${(err as Error).message}`);
      throw err;
    }
  }
}

export async function stopChats(running: readonly RunningChat[]): Promise<void> {
  for (const { chat } of running) await chat.stop();
}
