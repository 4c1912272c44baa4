import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
} from 'discord.js';
import type { Activity } from '../../../bot/activity.js';
import { errorReply } from '../../../bot/error-handler.js';
import type { Logger } from '../../../bot/log.js';
import type { AnswerRoute } from '../../../bot/accepted-inputs.js';
import { badInput } from '../../../bot/errors.js';
import { reply, type ActionInput, type CommandInput, type Reply } from '../../../bot/model.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { People } from '../../../bot/people.js';
import type { Router } from '../../../bot/router.js';
import { discordActor } from './actors.js';
import { isPrivate, messageResponse, type InteractionWebhook } from './answer.js';
import type { CommandIndex } from './application-command.js';
import { decodeCommand } from './command-options.js';
import { decodeCustomId } from './custom-id.js';
import type { DiscordRenderer } from './sender.js';
import { scopeRefusal, type GuildScope } from './guild-scope.js';
import { interactionKey, keyOfMessage, placeOf } from './inbound.js';

export interface InteractionDeps {
  router: Router;
  outbox: Outbox;
  people: People;
  index: CommandIndex;
  render: DiscordRenderer;
  webhook: InteractionWebhook;
  /** The servers dayops serves, and whether DMs are allowed. */
  scope: GuildScope;
  /** Channels where a press's public answer is posted too (config echoButtonReplies). */
  echoButtonReplies: readonly string[];
  activity: Activity;
  log: Logger;
  /**
   * How long to wait for the answer before deferring it. Discord wants the first response within
   * 3 s; 0 defers every interaction at once.
   */
  deferAfterMs: number;
}

/** The first response, and what to do once Discord has it (edit the deferred answer, follow up). */
export interface InteractionOutcome {
  response: APIInteractionResponse;
  after?: () => Promise<void>;
}

/**
 * The one place Discord interactions become neutral inputs, for both the HTTP endpoint and the
 * gateway: slash commands to router.handleCommand, components to router.handleAction. Work
 * that answers in time is answered at once; slower work is deferred and finished afterwards.
 */
export class InteractionHandler {
  constructor(private readonly deps: InteractionDeps) {}

  async handle(interaction: APIInteraction): Promise<InteractionOutcome> {
    if (interaction.type === InteractionType.Ping) return { response: { type: InteractionResponseType.Pong } };
    const outOfScope = scopeRefusal(interaction, this.deps.scope);
    if (outOfScope) {
      this.deps.log.warn({ guild: interaction.guild_id ?? 'direct message', user: (interaction.member?.user ?? interaction.user)?.id }, 'refused a Discord interaction from outside the configured servers');
      return { response: messageResponse(refusal(outOfScope), this.deps.render) };
    }
    if (interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.ChatInput) {
      return this.command(interaction as APIChatInputApplicationCommandInteraction);
    }
    if (interaction.type === InteractionType.MessageComponent) return this.component(interaction);
    return { response: messageResponse(refusal('dayops does not handle this kind of interaction.'), this.deps.render) };
  }

  /**
   * The command is recorded in the store before any response (the router's accepted inputs), so
   * one deferred and then cut off by a crash runs at the next start and its answer follows up.
   */
  private async command(interaction: APIChatInputApplicationCommandInteraction): Promise<InteractionOutcome> {
    const input = await this.prepare('command', () => this.commandInput(interaction));
    if (!('idempotencyKey' in input)) return { response: messageResponse(input, this.deps.render) };
    const refused = await this.deps.router.accepted.accept({ kind: 'command', input }, lateRoute(interaction));
    if (refused) return { response: messageResponse(refused, this.deps.render) };
    const work = this.guard('command', () => this.deps.router.handleCommand(input));
    const done = () => this.deps.router.accepted.done(input.idempotencyKey);
    const early = await within(work, this.deps.deferAfterMs);
    if (early) return { response: messageResponse(early, this.deps.render), after: done };
    return {
      response: { type: InteractionResponseType.DeferredChannelMessageWithSource },
      after: async () => this.deps.webhook.finishDeferred(interaction, await work).finally(done),
    };
  }

  private async commandInput(interaction: APIChatInputApplicationCommandInteraction): Promise<CommandInput & { idempotencyKey: string }> {
    const actor = discordActor(this.deps.people, interaction);
    if (!actor) throw badInput('Discord did not say who sent this command.');
    const decoded = decodeCommand(interaction.data, this.deps.index, (id) => this.deps.people.personFor('discord', id));
    return {
      actor,
      place: await placeOf(this.deps.outbox, interaction.channel?.id ?? interaction.channel_id ?? '', interaction.channel),
      text: decoded.text,
      structured: decoded.structured,
      idempotencyKey: interactionKey(interaction.id),
    };
  }

  /**
   * A press is answered with a deferred update (the message itself is edited by the outbox) or
   * an ephemeral refusal; what the action says back follows up, privately when it is private.
   */
  private async component(interaction: APIMessageComponentInteraction): Promise<InteractionOutcome> {
    const input = await this.prepare('action', () => this.actionInput(interaction));
    if (!('idempotencyKey' in input)) return { response: messageResponse(input, this.deps.render) };
    const refused = await this.deps.router.accepted.accept({ kind: 'action', input }, lateRoute(interaction));
    if (refused) return { response: messageResponse(refused, this.deps.render) };
    const work = this.guard('action', () => this.deps.router.handleAction(input));
    const done = () => this.deps.router.accepted.done(input.idempotencyKey);
    const early = await within(work, this.deps.deferAfterMs);
    if (early && isPrivate(early)) return { response: messageResponse(early, this.deps.render), after: done };
    const deferred: APIInteractionResponse = { type: InteractionResponseType.DeferredMessageUpdate };
    const channel = (await placeOf(this.deps.outbox, interaction.channel?.id ?? interaction.channel_id ?? interaction.message.channel_id, interaction.channel)).channel;
    return {
      response: deferred,
      after: async () => {
        const answer = await work;
        // A press leaves the edited message and its thread line; its public answer only where asked for.
        if (isPrivate(answer) || this.deps.echoButtonReplies.includes(channel)) await this.deps.webhook.followUp(interaction, answer).finally(done);
        else await done();
      },
    };
  }

  private async actionInput(interaction: APIMessageComponentInteraction): Promise<ActionInput & { idempotencyKey: string }> {
    const actor = discordActor(this.deps.people, interaction);
    const values = 'values' in interaction.data ? interaction.data.values : undefined;
    const decoded = decodeCustomId(interaction.data.custom_id, values);
    if (!actor || !decoded) throw badInput('That button no longer does anything; run the command again.');
    const channelId = interaction.channel?.id ?? interaction.channel_id ?? interaction.message.channel_id;
    const messageKey = await keyOfMessage(this.deps.outbox, interaction.message, interaction.channel);
    return {
      actor,
      place: await placeOf(this.deps.outbox, channelId, interaction.channel),
      action: decoded.action,
      value: decoded.value,
      ...(messageKey ? { messageKey } : {}),
      idempotencyKey: interactionKey(interaction.id),
    };
  }

  /** The neutral input, or the reply refusing it (an unknown button, an option of the wrong type). */
  private async prepare<I>(kind: 'command' | 'action', make: () => Promise<I>): Promise<I | Reply> {
    try {
      return await make();
    } catch (err) {
      return errorReply(err, this.deps.log, { kind, platform: 'discord' });
    }
  }

  /** Decoding fails with UserErrors before the router sees the input; those become replies too. */
  private guard(kind: 'command' | 'action', run: () => Promise<Reply>): Promise<Reply> {
    return this.deps.activity.track(run().catch((err: unknown) => errorReply(err, this.deps.log, { kind, platform: 'discord' })));
  }
}

/** The interaction's token answers it for 15 minutes: a late answer edits or follows up through it. */
function lateRoute(interaction: APIInteraction): AnswerRoute {
  return { platform: 'discord', route: { applicationId: interaction.application_id, token: interaction.token } };
}

function refusal(text: string): Reply {
  return { ...reply({ tone: 'danger', text }, 'private'), failed: true };
}

/** The work's result if it is ready within `ms`, else undefined (the work runs on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
