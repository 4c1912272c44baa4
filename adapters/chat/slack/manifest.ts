import { stringify } from 'yaml';
import type { CommandDefinition } from '../../../bot/command.js';
import { ConfigError } from '../../../bot/config/load.js';
import type { Config } from '../../../bot/config/schema.js';
import { SLACK_EVENTS_PATH } from './paths.js';

/**
 * Only what dayops calls: commands (/ops), chat:write (chat.postMessage, chat.update,
 * chat.postEphemeral, direct messages), chat:write.public (public channels without joining),
 * channels:join (conversations.join before threads and edits in a public channel it is not in),
 * app_mentions:read and the two history scopes (mentions and thread replies), usergroups:read
 * (usergroups.list, for roles granted to user groups), channels:read and groups:read
 * (conversations.info, for `dayops doctor`; conversations.list, to find `#ops` by name). No users.*
 * method is called.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:join',
  'app_mentions:read',
  'channels:history',
  'channels:read',
  'groups:history',
  'groups:read',
  'usergroups:read',
] as const;

export const BOT_EVENTS = ['app_mention', 'message.channels', 'message.groups'] as const;

/** Slack shows the hint beside the command while typing; keep it to one line. */
const USAGE_HINT_MAX = 140;

export interface ManifestOptions {
  socket: boolean;
  /** The commands /ops serves (the app's registry), for the usage hint. */
  commands: readonly CommandDefinition[];
}

/**
 * The Slack app manifest (YAML) for this installation: one `/ops` command whose hint lists the
 * commands, the bot scopes and events dayops uses, and either request URLs on DAYOPS_PUBLIC_URL
 * (HTTP mode) or Socket Mode.
 */
export function slackManifest(config: Pick<Config, 'publicUrl'>, options: ManifestOptions): string {
  const eventsUrl = options.socket ? undefined : requestUrl(config.publicUrl);
  const url = eventsUrl ? { url: eventsUrl } : {};
  const request = eventsUrl ? { request_url: eventsUrl } : {};
  const manifest = {
    display_information: {
      name: 'dayops',
      description: 'ChatOps for Day-0 decisions, Day-1 deployments and Day-2 operations',
    },
    features: {
      bot_user: { display_name: 'dayops', always_online: true },
      slash_commands: [
        {
          command: '/ops',
          ...url,
          description: 'Decisions, deployments, alerts, incidents and reminders',
          usage_hint: usageHint(options.commands),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...request, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...request },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socket,
      token_rotation_enabled: false,
    },
  };
  return stringify(manifest, { lineWidth: 0 });
}

function requestUrl(publicUrl: string | undefined): string {
  if (!publicUrl) {
    throw new ConfigError(
      'DAYOPS_PUBLIC_URL is not set: Slack needs the public https address of dayops for HTTP mode (e.g. DAYOPS_PUBLIC_URL=https://dayops.example.com), or use --socket for Socket Mode.',
    );
  }
  if (!/^https:\/\//i.test(publicUrl)) {
    throw new ConfigError(`DAYOPS_PUBLIC_URL is ${publicUrl}, but Slack sends requests to https addresses only: put dayops behind https (a reverse proxy or tunnel) and set DAYOPS_PUBLIC_URL=https://…, or use --socket for Socket Mode.`);
  }
  return `${publicUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

/** `help | deploy | decision | …`: the first word of every command, in registry order. */
export function usageHint(commands: readonly CommandDefinition[]): string {
  const words = [...new Set(commands.map((c) => c.name.split(' ')[0] ?? c.name))];
  let hint = '';
  for (const word of words) {
    const next = hint ? `${hint} | ${word}` : word;
    if (next.length > USAGE_HINT_MAX - 2) return `${hint} …`;
    hint = next;
  }
  return hint;
}
