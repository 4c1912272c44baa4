import { InteractionResponseType, MessageFlags, Routes, type APIInteraction, type APIInteractionResponse, type REST } from 'discord.js';
import type { Reply } from '../../../bot/model.js';
import type { DiscordRenderer } from './sender.js';

/** Private replies and failures are shown to the asker alone. */
export function isPrivate(reply: Reply): boolean {
  return reply.visibility === 'private' || Boolean(reply.failed);
}

export function messageData(reply: Reply, render: DiscordRenderer) {
  return { ...render(reply.message), ...(isPrivate(reply) ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** The reply as the interaction's immediate answer (type 4). */
export function messageResponse(reply: Reply, render: DiscordRenderer): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(reply, render) };
}

/** What names an interaction's answers: its application and its token (valid 15 minutes). */
export type InteractionRef = Pick<APIInteraction, 'application_id' | 'token'>;

/** Answers after the initial response: the interaction token authorises them, not the bot token. */
export class InteractionWebhook {
  constructor(
    private readonly rest: REST,
    private readonly render: DiscordRenderer,
  ) {}

  /** The initial response over HTTP, for interactions that came through the gateway. */
  async callback(id: string, token: string, response: APIInteractionResponse): Promise<void> {
    await this.rest.post(Routes.interactionCallback(id, token), { body: response, auth: false });
  }

  /** Replaces the deferred "thinking…" answer; a private reply cannot replace a public one, so that one is deleted. */
  async finishDeferred(to: InteractionRef, reply: Reply): Promise<void> {
    if (!isPrivate(reply)) {
      await this.rest.patch(Routes.webhookMessage(to.application_id, to.token, '@original'), { body: this.render(reply.message), auth: false });
      return;
    }
    await this.rest.delete(Routes.webhookMessage(to.application_id, to.token, '@original'), { auth: false });
    await this.followUp(to, reply);
  }

  async followUp(to: InteractionRef, reply: Reply): Promise<void> {
    await this.rest.post(Routes.webhook(to.application_id, to.token), { body: messageData(reply, this.render), auth: false });
  }
}
