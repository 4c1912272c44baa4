import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Routes,
  type APIInteraction,
  type GatewayDispatchPayload,
  type GatewayMessageCreateDispatchData,
  type REST,
} from 'discord.js';
import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { People } from '../../../bot/people.js';
import type { Router } from '../../../bot/router.js';
import { discordActor } from './actors.js';
import type { InteractionWebhook } from './answer.js';
import type { DiscordRenderer } from './sender.js';
import type { InteractionHandler } from './interactions.js';
import { discordChannel, messageKey } from './inbound.js';
import { restOptions, type RestSettings } from './rest.js';

/**
 * Guilds is enough for slash commands and buttons. Replies typed in a bot's thread need the
 * guild messages and their content; Message Content is a privileged intent that must also be
 * switched on in the Developer Portal, so it is asked for only when thread replies are wanted.
 */
export function gatewayIntents(threadReplies: boolean): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (threadReplies) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return intents;
}

export interface GatewayDeps {
  settings: RestSettings & { token: string };
  threadReplies: boolean;
  /** The servers dayops serves. */
  guilds: readonly string[];
  handler: InteractionHandler;
  webhook: InteractionWebhook;
  rest: REST;
  router: Router;
  outbox: Outbox;
  people: People;
  render: DiscordRenderer;
  activity: Activity;
  log: Logger;
}

/** Gateway mode: a discord.js Client receives interactions (and, when asked, thread replies) over the WebSocket. */
export class DiscordGateway {
  readonly client: Client;

  constructor(private readonly deps: GatewayDeps) {
    this.client = new Client({ intents: gatewayIntents(deps.threadReplies), rest: restOptions(deps.settings, false) });
    // Raw payloads keep the gateway on the same neutral path as the HTTP endpoint.
    this.client.on(Events.Raw, (packet: GatewayDispatchPayload) => this.dispatch(packet));
    this.client.on(Events.Error, (err) => deps.log.error({ err }, 'the Discord gateway failed'));
  }

  /** Resolves once the gateway session is ready. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.deps.settings.token);
    await ready;
    this.deps.log.info({ user: this.client.user?.tag }, 'Discord gateway connected');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  private dispatch(packet: GatewayDispatchPayload): void {
    if (packet.t === GatewayDispatchEvents.InteractionCreate) this.track('interaction', () => this.interaction(packet.d));
    else if (packet.t === GatewayDispatchEvents.MessageCreate && this.deps.threadReplies) this.track('thread reply', () => this.message(packet.d));
  }

  /** Interactions that arrive over the gateway are answered over HTTP. */
  private async interaction(interaction: APIInteraction): Promise<void> {
    const outcome = await this.deps.handler.handle(interaction);
    await this.deps.webhook.callback(interaction.id, interaction.token, outcome.response);
    await outcome.after?.();
  }

  /** A person's message in a thread started from a bot message goes to the feature that owns the thread. */
  private async message(message: GatewayMessageCreateDispatchData): Promise<void> {
    if (message.author.bot || message.webhook_id) return;
    // Thread replies come from the served servers only; elsewhere they are not read at all.
    if (!message.guild_id || !this.deps.guilds.includes(message.guild_id)) return;
    const channel = this.client.channels.cache.get(message.channel_id);
    if (!channel?.isThread() || !channel.parentId) return;
    const thread = await this.deps.outbox.keyForRef(discordChannel(channel.parentId), channel.id);
    const actor = discordActor(this.deps.people, { ...(message.member ? { member: message.member } : {}), user: message.author });
    if (!thread || !actor) return;
    const reply = await this.deps.router.handleThreadReply({
      actor,
      place: { channel: discordChannel(channel.parentId), thread },
      text: message.content,
      idempotencyKey: messageKey(message.id),
    });
    if (!reply) return;
    const body = { ...this.deps.render(reply.message), message_reference: { message_id: message.id, fail_if_not_exists: false } };
    await this.deps.rest.post(Routes.channelMessages(channel.id), { body });
  }

  private track(what: string, work: () => Promise<void>): void {
    void this.deps.activity.track(work().catch((err: unknown) => this.deps.log.error({ err, what }, 'a Discord gateway event failed')));
  }
}
