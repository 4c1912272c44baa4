import { signedHeadersPrecheck } from '../../http/precheck.js';
import { App, SocketModeReceiver } from '@slack/bolt';
import type { AppContext } from '../../../bot/app-context.js';
import type { ChatRoute, InstalledChat } from '../adapter.js';
import { modeFrom } from '../modes.js';
import { slackSecrets, type SlackSecrets } from './config.js';
import { SlackActors } from './actors.js';
import { SlackChannelDirectory } from './channel-directory.js';
import { boltLogger } from './bolt-logger.js';
import { clientOptions } from './client-options.js';
import { CoreHttpReceiver } from './core-receiver.js';
import { slackLateAnswers } from './late-answers.js';
import { registerListeners } from './listeners.js';
import { SLACK_EVENTS_PATH } from './paths.js';
import { slackMentions } from './mentions.js';
import { RecentDeliveries } from './recent-deliveries.js';
import { renderBlocks } from './render.js';
import { SlackSender, type SlackRenderer } from './sender.js';
import { configuredSlackGroups, UserGroups } from './user-groups.js';
import { tokenWorkspace, WorkspaceGuard, workspaceMiddleware } from './workspace-guard.js';

export type SlackMode = 'http' | 'socket';

export interface SlackInstallOptions {
  /** With both known, Bolt skips its auth.test call at construction (tests, the bench). */
  botId?: string;
  botUserId?: string;
  /** Wall-clock milliseconds for the signature window; Slack signs with real time. */
  now?: () => number;
}

export interface SlackAdapter extends InstalledChat {
  mode: SlackMode;
  bolt: App;
  sender: SlackSender;
}

/** Socket Mode wins when its app token is set; otherwise HTTP mode needs the signing secret. */
export function slackMode(secrets: SlackSecrets): SlackMode {
  const missing = 'SLACK_BOT_TOKEN is set, but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is; set one of them.';
  return modeFrom([[secrets.appToken, 'socket'], [secrets.signingSecret, 'http']], missing);
}

/**
 * Builds Slack when its tokens are configured: the Bolt app and its listeners, the outbox's
 * Slack sender, its channel directory, and in HTTP mode the route POST /slack/events (Socket
 * Mode connects on start). Undefined when Slack is not configured.
 */
export function installSlack(app: AppContext, options: SlackInstallOptions = {}): SlackAdapter | undefined {
  const { ops } = app;
  const secrets = slackSecrets(ops.config);
  if (!secrets) return undefined;
  const mode = slackMode(secrets);
  const now = options.now ?? Date.now;
  const logger = boltLogger(ops.log);
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: secrets.appToken as string, logger, installerOptions: { clientOptions: clientOptions(secrets.apiUrl) } })
      : new CoreHttpReceiver({ signingSecret: secrets.signingSecret as string, log: ops.log, now });
  const bolt = new App({
    token: secrets.botToken,
    receiver,
    logger,
    clientOptions: clientOptions(secrets.apiUrl),
    ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
  });
  bolt.error(async (err) => ops.log.error({ err }, 'a Slack listener failed'));
  bolt.use(workspaceMiddleware(new WorkspaceGuard(ops.config.slack, tokenWorkspace(bolt.client)), ops.log));
  const mention = slackMentions(ops.people, ops.config);
  const render: SlackRenderer = (message) => renderBlocks(message, { tz: ops.config.timezone, mention });
  const groups = new UserGroups(bolt.client, configuredSlackGroups(ops.config.groups), now, ops.log);
  const actors = new SlackActors(ops.people, groups);
  app.router.accepted.answerLate('slack', slackLateAnswers(actors, render));
  registerListeners(bolt, {
    router: app.router,
    echoButtonReplies: ops.config.echoButtonReplies,
    outbox: ops.outbox,
    actors,
    render,
    recent: new RecentDeliveries(now),
    activity: ops.activity,
    log: ops.log,
  });
  const routes: ChatRoute[] = [];
  if (receiver instanceof CoreHttpReceiver) {
    const precheck = signedHeadersPrecheck({ signature: 'x-slack-signature', timestamp: 'x-slack-request-timestamp', maxSkewSeconds: 300, error: 'invalid_signature' });
    routes.push({ method: 'POST', path: SLACK_EVENTS_PATH, handler: receiver.handle, precheck });
  }
  ops.log.info({ mode }, mode === 'socket' ? 'Slack runs in Socket Mode' : `Slack runs in HTTP mode at POST ${SLACK_EVENTS_PATH}`);
  return {
    mode,
    bolt,
    sender: new SlackSender(bolt.client, render),
    routes,
    directory: new SlackChannelDirectory(bolt.client, now, ops.log),
    start: async () => {
      await bolt.start();
    },
    stop: async () => {
      await bolt.stop();
    },
  };
}
