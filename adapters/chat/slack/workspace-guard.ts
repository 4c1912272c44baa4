import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';
import type { Logger } from '../../../bot/log.js';
import type { SlackConfig } from './config.js';

export interface Workspace {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}

const REFUSAL = 'dayops does not serve this Slack workspace; it answers only in the workspace it is configured for.';

/**
 * The one workspace (and Enterprise Grid org) dayops serves: the configured ids, or else the bot
 * token's own, read once with auth.test. A signing secret that reached another workspace's app
 * then gives that workspace nothing.
 */
export class WorkspaceGuard {
  private own: Promise<Workspace> | undefined;

  constructor(
    private readonly configured: SlackConfig,
    private readonly identify: () => Promise<Workspace>,
  ) {}

  /** Why a request from this team is refused, or undefined when it is the served workspace. */
  async refusal(from: Workspace): Promise<string | undefined> {
    const served = await this.served();
    if (served.enterpriseId && from.enterpriseId !== served.enterpriseId) return REFUSAL;
    if (served.teamId && from.teamId !== served.teamId) return REFUSAL;
    return undefined;
  }

  private served(): Promise<Workspace> {
    if (this.configured.teamId || this.configured.enterpriseId) return Promise.resolve(this.configured);
    // A failed auth.test is asked again next time rather than remembered.
    this.own ??= this.identify().catch((err: unknown) => {
      this.own = undefined;
      throw err;
    });
    return this.own;
  }
}

/** The bot token's workspace, as auth.test names it. */
export function tokenWorkspace(client: webApi.WebClient): () => Promise<Workspace> {
  return async () => {
    const result = await client.auth.test();
    if (!result.team_id) throw new Error('auth.test answered without a team_id; set slack.teamId (or SLACK_TEAM_ID) in the configuration.');
    return { teamId: result.team_id, ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}) };
  };
}

/**
 * Global Bolt middleware, in HTTP and Socket Mode alike: a request from another workspace reaches
 * no listener. A command is answered with the refusal, a button press too; events are dropped.
 */
export function workspaceMiddleware(guard: WorkspaceGuard, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    const refusal = await guard.refusal({ teamId: context.teamId, enterpriseId: context.enterpriseId });
    if (!refusal) {
      await next();
      return;
    }
    log.warn({ team: context.teamId ?? null, enterprise: context.enterpriseId ?? null }, 'refused a Slack request from another workspace');
    const ack = 'ack' in args ? (args.ack as ((response?: unknown) => Promise<void>) | undefined) : undefined;
    if ('command' in args) {
      await ack?.({ response_type: 'ephemeral', text: refusal });
      return;
    }
    await ack?.();
    if ('action' in args && 'respond' in args && typeof args.respond === 'function') {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    }
  };
}
