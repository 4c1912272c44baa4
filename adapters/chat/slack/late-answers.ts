import type { LateAnswerer } from '../../../bot/accepted-inputs.js';
import type { SlackActors } from './actors.js';
import { responsePayload } from './answer.js';
import type { SlackRenderer } from './sender.js';

/**
 * Answers a slash command or press that ran after a restart through its response_url (Slack
 * keeps one for 30 minutes and five uses); an expired one is refused, and the core tells the
 * channel instead.
 */
export function slackLateAnswers(actors: SlackActors, render: SlackRenderer): LateAnswerer {
  return {
    actor: (actor) => actors.actor(actor.userId, actor.displayName),
    async answer(route, reply, kind) {
      const url = route.responseUrl;
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new Error('the command came without a response_url');
      // A press's late answer is for the presser alone: the message it was on shows the change.
      const body = { ...responsePayload(reply, render), ...(kind === 'action' ? { response_type: 'ephemeral', replace_original: false } : {}) };
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`Slack refused the response_url (HTTP ${res.status}: ${(await res.text()).slice(0, 100)})`);
    },
  };
}
