import type { LateAnswerer } from '../../../bot/accepted-inputs.js';
import type { InteractionRef, InteractionWebhook } from './answer.js';

/**
 * Answers an interaction that ran after a restart through its token (valid 15 minutes): a
 * command's deferred "thinking…" answer is replaced, a press gets a follow-up for the presser
 * alone. An expired token is refused by Discord, and the core tells the channel instead.
 */
export function discordLateAnswers(webhook: InteractionWebhook): LateAnswerer {
  return {
    async answer(route, reply, kind) {
      const ref = interactionRef(route);
      if (!ref) throw new Error('the interaction came without its application id and token');
      if (kind === 'command') await webhook.finishDeferred(ref, reply);
      else await webhook.followUp(ref, { ...reply, visibility: 'private' });
    },
  };
}

function interactionRef(route: Record<string, unknown>): InteractionRef | undefined {
  const { applicationId, token } = route;
  return typeof applicationId === 'string' && typeof token === 'string' ? { application_id: applicationId, token } : undefined;
}
