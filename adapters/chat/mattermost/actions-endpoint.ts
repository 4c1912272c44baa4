import type { Activity } from '../../../bot/activity.js';
import type { Outbox } from '../../../bot/outbox.js';
import type { People } from '../../../bot/people.js';
import type { Router } from '../../../bot/router.js';
import type { HttpResponse, RouteHandler } from '../../http/types.js';
import { plainText } from './answer.js';
import { actionInput, mattermostChannel, type ActionRequest } from './inbound.js';
import type { ContextSigner } from './verify.js';

export interface ActionsEndpointDeps {
  signer: ContextSigner;
  router: Router;
  outbox: Outbox;
  people: People;
  /** Channels where a press's public answer is shown too (config echoButtonReplies). */
  echoButtonReplies: readonly string[];
  activity: Activity;
}

const FORGED = 'dayops did not make this button, or it was changed on its way; nothing was done.';

/**
 * POST /mattermost/actions, a button press. Mattermost does not sign it, so the context dayops
 * signed for this message must verify and the post pressed must be the message it was signed
 * for; anything else is refused and changes nothing. The answer is ephemeral text for the presser.
 */
export function actionsEndpoint(deps: ActionsEndpointDeps): RouteHandler {
  return async (req): Promise<HttpResponse> => {
    const press = parse(req.rawBody);
    if (!press?.channel_id || !press.user_id) return { status: 400, body: { ephemeral_text: 'The button press came without a channel or user; nothing was done.' } };
    const context = deps.signer.verify(press.context);
    if (!context) return { status: 403, body: { ephemeral_text: FORGED } };
    const channel = mattermostChannel(press.channel_id);
    if (context.key && (!press.post_id || (await deps.outbox.keyForRef(channel, press.post_id)) !== context.key)) return { status: 403, body: { ephemeral_text: FORGED } };
    const input = actionInput(deps.people, { ...press, channel_id: press.channel_id, user_id: press.user_id }, context, context.key || undefined);
    const reply = await deps.activity.track(deps.router.handleAction(input));
    // The message itself is edited in place through the outbox; the presser alone hears the answer.
    if (reply.visibility === 'public' && !reply.failed && context.key && !deps.echoButtonReplies.includes(channel)) return { status: 200, body: {} };
    return { status: 200, body: { ephemeral_text: plainText(reply.message) } };
  };
}

function parse(body: Buffer): ActionRequest | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as ActionRequest) : undefined;
  } catch {
    return undefined;
  }
}
