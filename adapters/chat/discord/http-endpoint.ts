import type { APIInteraction } from 'discord.js';
import type { KeyObject } from 'node:crypto';
import type { Activity } from '../../../bot/activity.js';
import type { Logger } from '../../../bot/log.js';
import type { HttpRequest, HttpResponse, RouteHandler } from '../../http/types.js';
import type { InteractionHandler } from './interactions.js';
import { verifyDiscordSignature } from './verify.js';

export interface EndpointDeps {
  publicKey: KeyObject;
  handler: InteractionHandler;
  activity: Activity;
  log: Logger;
}

/**
 * POST /discord/interactions: checks Discord's Ed25519 signature over the raw bytes (Discord
 * itself sends bad signatures now and then, and expects 401), answers with the interaction's
 * first response, and starts what follows once that response is on its way.
 */
const MAX_SKEW_SECONDS = 5 * 60;

export function interactionsEndpoint(deps: EndpointDeps): RouteHandler {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (!verifyDiscordSignature(deps.publicKey, signature, timestamp, req.rawBody)) {
      deps.log.warn({ remoteAddress: req.remoteAddress }, 'refused a Discord interaction with a bad signature');
      return { status: 401, body: { error: 'invalid_signature' } };
    }
    // A genuine interaction signed long ago is a replay: Discord sends each one at once.
    // Only Unix seconds: Number('abc') is NaN, and NaN > 300 is false, which would skip the check.
    const signedAt = timestamp !== undefined && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!(Math.abs(Date.now() / 1000 - signedAt) <= MAX_SKEW_SECONDS)) {
      deps.log.warn({ remoteAddress: req.remoteAddress }, 'refused a Discord interaction whose timestamp is not Unix seconds within 5 minutes of now');
      return { status: 401, body: { error: 'stale_timestamp' } };
    }
    const interaction = parse(req.rawBody);
    if (!interaction) return { status: 400, body: { error: 'bad_request' } };
    const outcome = await deps.handler.handle(interaction);
    const after = outcome.after;
    // Discord must hold the first response before the deferred answer can be edited.
    if (after) {
      const later = new Promise((resolve) => setImmediate(resolve)).then(after);
      void deps.activity.track(later.catch((err: unknown) => deps.log.error({ err }, 'a Discord follow-up failed')));
    }
    return { status: 200, body: outcome.response };
  };
}

function parse(rawBody: Buffer): APIInteraction | undefined {
  try {
    const value: unknown = JSON.parse(rawBody.toString('utf8'));
    return hasInteractionShape(value) ? (value as APIInteraction) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields the handler reads have the types Discord sends: signed payloads of another shape
 * (a Discord bug, or a new interaction type) get a 400 rather than a crash report.
 */
function hasInteractionShape(value: unknown): boolean {
  if (!isObject(value) || typeof value.type !== 'number') return false;
  if (value.type === 1) return true;
  const data = value.data;
  if (!isObject(data)) return false;
  if (value.type === 3) return typeof data.custom_id === 'string' && (data.values === undefined || (Array.isArray(data.values) && data.values.every((v) => typeof v === 'string')));
  return data.options === undefined || (Array.isArray(data.options) && data.options.every((o) => isObject(o) && (o.options === undefined || Array.isArray(o.options))));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
