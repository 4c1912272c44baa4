import { signedHeadersPrecheck } from '../../http/precheck.js';
import type { AppContext } from '../../../bot/app-context.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { Secrets } from '../../../bot/config/schema.js';
import { CommandRegistry } from '../../../bot/registry.js';
import { ACTIONS, COMMANDS } from '../../../commands/index.js';
import { InteractionWebhook } from './answer.js';
import { commandIndex } from './application-command.js';
import { DiscordSender, type DiscordRenderer } from './discord-sender.js';
import { DiscordGateway } from './gateway.js';
import { interactionsEndpoint } from './http-endpoint.js';
import { InteractionHandler } from './interactions.js';
import { discordLateAnswers } from './late-answers.js';
import { discordMentions } from './mentions.js';
import { DISCORD_INTERACTIONS_PATH } from './paths.js';
import { renderMessage } from './render.js';
import { createRest } from './rest.js';
import { discordPublicKey } from './verify-signature.js';

export type DiscordMode = 'http' | 'gateway';

type DiscordSecrets = NonNullable<Secrets['discord']>;

export interface DiscordInstallOptions {
  /** How long an interaction may run before its answer is deferred; Discord allows 3 s. */
  deferAfterMs?: number;
  /** The commands `/ops` was generated from; the shipped list by default. */
  registry?: CommandRegistry;
}

export interface DiscordAdapter {
  mode: DiscordMode;
  handler: InteractionHandler;
  sender?: DiscordSender;
  gateway?: DiscordGateway;
  /** Gateway mode connects here; HTTP mode is served by the core's server, started elsewhere. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_DEFER_AFTER_MS = 2000;

/** The public key means HTTP interactions (no gateway); a token alone means the gateway. */
export function discordMode(secrets: DiscordSecrets): DiscordMode {
  if (secrets.publicKey) return 'http';
  if (secrets.token) return 'gateway';
  throw new ConfigError('Discord needs DISCORD_TOKEN (gateway mode) or DISCORD_PUBLIC_KEY (HTTP interactions mode).');
}

/**
 * Installs Discord when it is configured: the interaction handler, the outbox's Discord sender
 * (it needs DISCORD_TOKEN), and either POST /discord/interactions (HTTP mode) or the gateway
 * client. Undefined when Discord is not configured.
 */
export function installDiscord(app: AppContext, options: DiscordInstallOptions = {}): DiscordAdapter | undefined {
  const { ops } = app;
  const secrets = ops.config.secrets.discord;
  if (!secrets) return undefined;
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
    index: commandIndex(options.registry ?? new CommandRegistry(COMMANDS, ACTIONS)),
    render,
    webhook,
    scope: ops.config.discord,
    echoButtonReplies: ops.config.echoButtonReplies,
    activity: ops.activity,
    log: ops.log,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  });
  if (ops.config.discord.guilds.length === 0) ops.log.warn('discord.guilds is empty: every Discord interaction is refused until the servers dayops serves are listed (or DISCORD_GUILD_IDS is set)');
  const sender = secrets.token ? new DiscordSender(createRest(settings, true), render, ops.log) : undefined;
  if (sender) ops.outbox.registerSender(sender);
  else ops.log.warn('DISCORD_TOKEN is not set: dayops answers interactions but cannot post to Discord channels');
  if (mode === 'http') {
    const precheck = signedHeadersPrecheck({ signature: 'x-signature-ed25519', timestamp: 'x-signature-timestamp', maxSkewSeconds: 300, error: 'invalid_signature', staleError: 'stale_timestamp' });
    app.http.route('POST', DISCORD_INTERACTIONS_PATH, interactionsEndpoint({ publicKey: publicKey(secrets.publicKey!), handler, activity: ops.activity, log: ops.log }), { precheck });
    ops.log.info(`Discord runs in HTTP interactions mode at POST ${DISCORD_INTERACTIONS_PATH}`);
    return { mode, handler, ...(sender ? { sender } : {}), start: async () => {}, stop: async () => {} };
  }
  const gateway = new DiscordGateway({
    settings: { ...settings, token: secrets.token! },
    threadReplies: ops.config.discord.threadReplies,
    guilds: ops.config.discord.guilds,
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
  ops.log.info({ threadReplies: ops.config.discord.threadReplies }, 'Discord runs in gateway mode');
  return { mode, handler, gateway, ...(sender ? { sender } : {}), start: () => gateway.start(), stop: () => gateway.stop() };
}

function publicKey(hex: string) {
  try {
    return discordPublicKey(hex);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
