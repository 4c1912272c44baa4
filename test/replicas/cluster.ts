import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slackSignature } from '../../adapters/chat/slack/verify.js';
import { startBot, type BotProcess } from '../security/bot-process.js';
import { startPostgres, type RunningPostgres } from '../support/postgres.js';
import { FakeChat } from './fake-chat.js';

export const SIGNING_SECRET = 'replica-test-signing-secret';
export const ALICE = 'U0AB12CD34E';
export const BOB = 'U0CD56EF78G';
export const CAROL = 'U0EF90GH12I';
export const TEAM = 'T0A1B2C3D4E';
export const OPS_CHANNEL = 'C0OPS';

/** Ops, deploys, alerts and incidents each in their own Slack channel; one slow script deploy. */
export function replicaConfig(deploySeconds: number): Record<string, unknown> {
  return {
    channels: { ops: `slack:${OPS_CHANNEL}`, deploys: 'slack:C0DEPLOYS', alerts: 'slack:C0ALERTS', incidents: 'slack:C0INC' },
    services: {
      api: { engine: { type: 'script', command: `echo deploying; sleep ${deploySeconds}; echo done`, graceSeconds: 1 } },
    },
    environments: {
      staging: { protected: false, approvals: 0, requiredCategories: [] },
      production: { protected: true, approvals: 1, requiredCategories: [] },
    },
    people: [
      { name: 'alice', slack: [ALICE], roles: ['author', 'deployer', 'deployer@production'] },
      { name: 'bob', slack: [BOB], roles: ['approver', 'approver@production'] },
      { name: 'carol', slack: [CAROL], roles: ['approver', 'approver@production', 'admin'] },
    ],
  };
}

export interface Replica {
  bot: BotProcess;
  url: string;
}

export interface Cluster {
  pg: RunningPostgres;
  databaseUrl: string;
  chat: FakeChat;
  chatUrl: string;
  configPath: string;
  replicas: Replica[];
  /** Starts one more replica against the same database. */
  addReplica(): Promise<Replica>;
  /** A signed slash command to one replica; the reply goes to `${chatUrl}response/<trigger>`. */
  slash(replica: Replica, user: string, text: string, options?: { trigger?: string; retryNum?: number }): Promise<Response>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replicas: number;
  deploySeconds?: number;
  /** An already running server to share (the bench runs several clusters on one). */
  pg?: RunningPostgres;
  /** Changes the replicas' config before it is written (another service, another engine). */
  configure?: (config: Record<string, unknown>) => Record<string, unknown>;
  /** More environment for every replica (an engine's secret). */
  env?: Record<string, string>;
}

let triggers = 0;

/**
 * A real PostgreSQL, a fake Slack Web API in this process, and `node bin/dayops.js serve`
 * replicas on ports of their own, all with the same config and DAYOPS_DATABASE_URL.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-replicas-'));
  const pg = options.pg ?? (await startPostgres());
  const ownsPg = options.pg === undefined;
  const chat = new FakeChat();
  const chatUrl = await chat.start();
  const databaseUrl = await pg.createDatabase();
  const configPath = join(dir, 'dayops.config.json');
  const config = replicaConfig(options.deploySeconds ?? 20);
  await writeFile(configPath, JSON.stringify(options.configure ? options.configure(config) : config));
  const replicas: Replica[] = [];
  const addReplica = async (): Promise<Replica> => {
    const bot = startBot({
      DAYOPS_CONFIG: configPath,
      DAYOPS_DATA_DIR: join(dir, `data-${replicas.length}`),
      DAYOPS_DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-replica-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${chatUrl}api/`,
      ...options.env,
    });
    const replica = { bot, url: await bot.listening };
    replicas.push(replica);
    return replica;
  };
  const stop = async () => {
    await Promise.all(replicas.map(async ({ bot }) => {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
      await bot.exited;
    }));
    await chat.stop();
    if (ownsPg) await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // Started together, as an operator's service manager does: migration must happen once.
    await Promise.all(Array.from({ length: options.replicas }, () => addReplica()));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pg,
    databaseUrl,
    chat,
    chatUrl,
    configPath,
    replicas,
    addReplica,
    slash: (replica, user, text, opts = {}) => {
      const trigger = opts.trigger ?? `${Date.now()}.${++triggers}.replica`;
      const body = new URLSearchParams({
        team_id: TEAM,
        team_domain: 'acme-ops',
        channel_id: OPS_CHANNEL,
        channel_name: 'ops',
        user_id: user,
        user_name: user,
        command: '/ops',
        text,
        api_app_id: 'A0B1C2D3E4F',
        response_url: `${chatUrl}response/${encodeURIComponent(trigger)}`,
        trigger_id: trigger,
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body),
      };
      if (opts.retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(opts.retryNum);
        headers['x-slack-retry-reason'] = 'http_timeout';
      }
      return fetch(`${replica.url}/slack/events`, { method: 'POST', headers, body });
    },
    stop,
  };
}

/** Polls `check` until it returns something other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
