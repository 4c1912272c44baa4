import { signedHeadersPrecheck } from '../../http/precheck.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { ChatInstallContext, InstalledChat } from '../adapter.js';
import { modeFrom } from '../modes.js';
import { discordSecrets, type DiscordSecrets } from './config.js';
import { InteractionWebhook } from './answer.js';
import { commandIndex } from './application-command.js';
import { DiscordSender, type DiscordRenderer } from './sender.js';
import { DiscordGateway } from './gateway.js';
import { interactionsEndpoint } from './http-endpoint.js';
import { InteractionHandler } from './interactions.js';
import { discordLateAnswers } from './late-answers.js';
import { discordMentions } from './mentions.js';
import { DISCORD_INTERACTIONS_PATH } from './paths.js';
import { renderMessage } from './render.js';
import { createRest } from './rest.js';
import { discordPublicKey } from './verify.js';

export type DiscordMode = 'http' | 'gateway';

export interface DiscordInstallOptions {
  /** How long an interaction may run before its answer is deferred; Discord allows 3 s. */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends InstalledChat {
  mode: DiscordMode;
  handler: InteractionHandler;
  sender?: DiscordSender;
  gateway?: DiscordGateway;
}

const DEFAULT_DEFER_AFTER_MS = 2000;

/** The public key means HTTP interactions (no gateway); a token alone means the gateway. */
export function discordMode(secrets: DiscordSecrets): DiscordMode {
  return modeFrom([[secrets.publicKey, 'http'], [secrets.token, 'gateway']], 'Discord needs DISCORD_TOKEN (gateway mode) or DISCORD_PUBLIC_KEY (HTTP interactions mode).');
}

/**
 * Builds Discord when it is configured: the interaction handler over the app's one command
 * registry, the outbox's Discord sender (it needs DISCORD_TOKEN), and either the route POST
 * /discord/interactions (HTTP mode) or the gateway client. Undefined when Discord is not configured.
 */
export function installDiscord(app: ChatInstallContext, options: DiscordInstallOptions = {}): DiscordAdapter | undefined {
  const { ops } = app;
  const secrets = discordSecrets(ops.config);
  if (!secrets) return undefined;
  const server = ops.config.discord;
  const mode = discordMode(secrets);
  const mention = discordMentions(ops.people, ops.config);
  const render: DiscordRenderer = (message) => renderMessage(message, { mention });
  const settings = { token: secrets.token, apiUrl: secrets.apiUrl };
  const answers = createRest(settings, false);
  const webhook = new InteractionWebhook(answers, render);
  app.router.accepted.answerLate('discord', discordLateAnswers(webhook));
  const handler = new InteractionHandler({
    router: app.router,
    outbox: ops.outbox,
    people: ops.people,
    index: commandIndex(app.registry),
    render,
    webhook,
    scope: server,
    echoButtonReplies: ops.config.echoButtonReplies,
    activity: ops.activity,
    log: ops.log,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  });
  if (server.guilds.length === 0) ops.log.warn('discord.guilds is empty: every Discord interaction is refused until the servers dayops serves are listed (or DISCORD_GUILD_IDS is set)');
  const sender = secrets.token ? new DiscordSender(createRest(settings, true), render, ops.log) : undefined;
  if (!sender) ops.log.warn('DISCORD_TOKEN is not set: dayops answers interactions but cannot post to Discord channels');
  if (mode === 'http') {
    const precheck = signedHeadersPrecheck({ signature: 'x-signature-ed25519', timestamp: 'x-signature-timestamp', maxSkewSeconds: 300, error: 'invalid_signature', staleError: 'stale_timestamp' });
    const endpoint = interactionsEndpoint({ publicKey: publicKey(secrets.publicKey!), handler, activity: ops.activity, log: ops.log });
    ops.log.info(`Discord runs in HTTP interactions mode at POST ${DISCORD_INTERACTIONS_PATH}`);
    const routes = [{ method: 'POST' as const, path: DISCORD_INTERACTIONS_PATH, handler: endpoint, precheck }];
    return { mode, handler, routes, ...(sender ? { sender } : {}), start: async () => {}, stop: async () => {} };
  }
  const gateway = new DiscordGateway({
    settings: { ...settings, token: secrets.token! },
    threadReplies: server.threadReplies,
    guilds: server.guilds,
    handler,
    webhook,
    rest: answers,
    router: app.router,
    outbox: ops.outbox,
    people: ops.people,
    render,
    activity: ops.activity,
    log: ops.log,
  });
  ops.log.info({ threadReplies: server.threadReplies }, 'Discord runs in gateway mode');
  return { mode, handler, gateway, routes: [], ...(sender ? { sender } : {}), start: () => gateway.start(), stop: () => gateway.stop() };
}

function publicKey(hex: string) {
  try {
    return discordPublicKey(hex);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
