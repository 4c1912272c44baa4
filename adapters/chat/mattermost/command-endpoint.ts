import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { OpsMessage } from '../../../bot/model.js';
import type { People } from '../../../bot/people.js';
import type { Router } from '../../../bot/router.js';
import type { HttpResponse, RouteHandler } from '../../http/types.js';
import { commandResponse, WORKING, type CommandResponse } from './answer.js';
import { commandInput, type SlashCommand } from './inbound.js';
import type { MattermostPost } from './render.js';
import { tokenMatches } from './verify.js';

export interface CommandEndpointDeps {
  commandToken: string;
  /** The server's origin: response_url must point there, never elsewhere. */
  serverOrigin: string;
  answerWithinMs: number;
  router: Router;
  people: People;
  render(message: OpsMessage): Promise<MattermostPost>;
  activity: Activity;
  log: Logger;
}

/**
 * POST /mattermost/command, Mattermost's outgoing `/ops`: the token is checked in constant time,
 * then the command runs. Its answer is the HTTP response when it is ready within
 * `answerWithinMs`; otherwise "Working on it…" now and the answer through response_url later.
 */
export function commandEndpoint(deps: CommandEndpointDeps): RouteHandler {
  return async (req): Promise<HttpResponse> => {
    const form = Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8'))) as SlashCommand;
    if (!tokenMatches(deps.commandToken, form.token)) return { status: 401, body: { response_type: 'ephemeral', text: 'This request does not carry the /ops command token dayops was given.' } };
    if (!form.channel_id || !form.user_id) return { status: 400, body: { response_type: 'ephemeral', text: 'The command came without a channel or user; dayops did nothing.' } };
    const input = commandInput(deps.people, { ...form, channel_id: form.channel_id, user_id: form.user_id });
    const answer = deps.activity.track(deps.router.handleCommand(input).then((reply) => commandResponse(reply, deps.render)));
    const inline = await Promise.race([answer, delay(deps.answerWithinMs)]);
    if (inline) return { status: 200, body: inline };
    void deps.activity.track(answerLater(deps, form.response_url, answer));
    return { status: 200, body: WORKING };
  };
}

async function answerLater(deps: CommandEndpointDeps, responseUrl: string | undefined, answer: Promise<CommandResponse>): Promise<void> {
  try {
    const body = await answer;
    if (!responseUrl || new URL(responseUrl).origin !== deps.serverOrigin) {
      deps.log.warn({ responseUrl }, 'a Mattermost command answer was ready, but its response_url is not on MATTERMOST_URL; it was not sent');
      return;
    }
    const res = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
    if (!res.ok) deps.log.warn({ status: res.status }, 'Mattermost refused the delayed answer to a command');
  } catch (err) {
    deps.log.error({ err }, 'a Mattermost command failed after it was acknowledged');
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
