import type { OpsMessage } from '../../../bot/model.js';
import type { ChatInstallContext, InstalledChat } from '../adapter.js';
import { actionsEndpoint } from './actions-endpoint.js';
import { MattermostClient } from './client.js';
import { commandEndpoint } from './command-endpoint.js';
import { mattermostSecrets } from './config.js';
import { UserNames } from './names.js';
import { MATTERMOST_ACTIONS_PATH, MATTERMOST_COMMAND_PATH } from './paths.js';
import { renderPost, type MattermostPost } from './render.js';
import { MattermostSender } from './sender.js';
import { MattermostSocket } from './socket.js';
import { threadReplies } from './threads.js';
import { ContextSigner } from './verify.js';

export interface MattermostAdapter extends InstalledChat {
  sender: MattermostSender;
  socket?: MattermostSocket;
}

/**
 * Builds Mattermost when its tokens are set: POST /mattermost/command (`/ops`) and
 * POST /mattermost/actions (buttons) on the one HTTP server, the outbox's sender over REST API
 * v4, and, for thread replies, the WebSocket API, connected on start. Undefined when not configured.
 */
export function installMattermost(app: ChatInstallContext): MattermostAdapter | undefined {
  const { ops } = app;
  const secrets = mattermostSecrets(ops.config);
  if (!secrets) return undefined;
  const settings = ops.config.mattermost;
  const client = new MattermostClient(secrets.url, secrets.botToken);
  const signer = new ContextSigner(secrets.actionSecret ?? secrets.botToken);
  const names = new UserNames(client, ops.people);
  let botUserId: string | undefined;
  const bot = { userId: () => botUserId };
  if (!ops.config.publicUrl) ops.log.warn('DAYOPS_PUBLIC_URL is not set: Mattermost buttons point at http://localhost and cannot reach dayops from the server');
  const actionsUrl = `${(ops.config.publicUrl ?? 'http://localhost').replace(/\/+$/, '')}${MATTERMOST_ACTIONS_PATH}`;
  const render = async (message: OpsMessage, key: string): Promise<MattermostPost> => {
    await names.load(message.mentions ?? []);
    return renderPost(message, { tz: ops.config.timezone, actionsUrl, sign: (action, value) => signer.sign(action, value, key), mention: (m) => names.mention(m) });
  };
  const answer = (message: OpsMessage) => render(message, '');
  const common = { router: app.router, people: ops.people, activity: ops.activity };
  const routes = [
    { method: 'POST' as const, path: MATTERMOST_COMMAND_PATH, handler: commandEndpoint({ ...common, commandToken: secrets.commandToken, serverOrigin: new URL(secrets.url).origin, answerWithinMs: settings.answerWithinMs, render: answer, log: ops.log }) },
    { method: 'POST' as const, path: MATTERMOST_ACTIONS_PATH, handler: actionsEndpoint({ ...common, signer, outbox: ops.outbox, echoButtonReplies: ops.config.echoButtonReplies }) },
  ];
  const onReply = threadReplies({ ...common, outbox: ops.outbox, client, bot, render: answer, log: ops.log });
  const socket = settings.threadReplies
    ? new MattermostSocket({
        url: client.websocketUrl(),
        token: secrets.botToken,
        log: ops.log,
        onEvent: (event) => {
          // `hello` names the account the token belongs to: the bot's own posts are not replies.
          if (event.event === 'hello' && typeof event.broadcast?.user_id === 'string') botUserId = event.broadcast.user_id;
          onReply(event);
        },
      })
    : undefined;
  ops.log.info({ threadReplies: settings.threadReplies }, `Mattermost runs at POST ${MATTERMOST_COMMAND_PATH} and ${MATTERMOST_ACTIONS_PATH}`);
  return {
    mode: 'http',
    routes,
    sender: new MattermostSender({ client, render, bot }),
    ...(socket ? { socket } : {}),
    start: async () => {
      botUserId = await whoAmI(client, ops.log);
      socket?.start();
    },
    stop: async () => {
      await socket?.stop();
    },
  };
}

/** The bot account's user id; a server that does not answer yet is not fatal (the WebSocket's hello says it too). */
async function whoAmI(client: MattermostClient, log: ChatInstallContext['ops']['log']): Promise<string | undefined> {
  try {
    return (await client.get<{ id: string }>('/users/me')).id;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'Mattermost did not say who the bot is (GET /users/me); direct messages wait until it does');
    return undefined;
  }
}
