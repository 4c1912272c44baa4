import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { slackSignature } from '../../adapters/chat/slack/verify.js';
import { loadConfig } from '../../bin/config.js';
import { createLogger } from '../../bot/log.js';
import { buildApp, type App } from '../../bin/app.js';
import { FakeSlackApi } from './fake-slack-api.js';

/** Known fake values for every secret dayops reads, so a test can look for them anywhere. */
export const FAKE_SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-FAKE-slack-bot-token-1111',
  SLACK_SIGNING_SECRET: 'FAKE-slack-signing-secret-2222',
  DISCORD_TOKEN: 'FAKE.discord-bot-token.3333',
  DAYOPS_WEBHOOK_TOKEN: 'FAKE-webhook-token-4444',
  DAYOPS_GRAFANA_SECRET: 'FAKE-grafana-secret-5555',
  GITHUB_TOKEN: 'ghp_FAKEgithubtoken6666',
  ARGOCD_TOKEN: 'FAKE-argocd-token-7777',
  DAYOPS_API_TOKEN_CI: 'FAKE-api-token-8888',
  DAYOPS_DEPLOY_WEBHOOK_SECRET: 'FAKE-deploy-webhook-secret-9999',
  GITHUB_WEBHOOK_SECRET: 'FAKE-github-webhook-secret-aaaa',
} as const;

export const ALICE_SLACK = 'U0AB12CD34E';
export const BOB_SLACK = 'U0CD56EF78G';
export const ALICE_DISCORD = '80351110224678912';

export interface SecuredApp {
  app: App;
  url: string;
  /** The local fake chat API's base URL (Slack Web API, Discord REST, response_url). */
  chatUrl: string;
  /** Every log line the app wrote, as written. */
  logs: string[];
  chat: FakeSlackApi;
  dataDir: string;
  /** The committed state file's bytes: unchanged means nothing was written. */
  state(): Promise<string>;
  /** A request signed the way Slack signs it. */
  slack(body: string, contentType?: string): Promise<Response>;
  /** A request signed the way Discord signs it (now, unless a Unix-seconds timestamp is given). */
  discord(body: string, timestamp?: string): Promise<Response>;
  post(path: string, body: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real composition root (bin/app.ts) over a config file and the fake secrets above, with
 * Slack and Discord in HTTP mode against a local fake API, and the HTTP server started. The
 * scheduler and the outbox are not started: messages stay in the outbox for a test to read.
 */
export async function startSecuredApp(): Promise<SecuredApp> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-secured-'));
  const chat = new FakeSlackApi();
  const chatUrl = await chat.start();
  const keys = generateKeyPairSync('ed25519');
  const config = {
    channels: { ops: 'slack:C0OPS', deploys: 'slack:C0DEPLOYS', alerts: 'slack:C0ALERTS', incidents: 'slack:C0INC' },
    services: {
      api: { engine: { type: 'script', command: 'true', graceSeconds: 1 } },
      web: { engine: { type: 'webhook', url: `${chatUrl}deploy`, secretEnv: 'DAYOPS_DEPLOY_WEBHOOK_SECRET' } },
    },
    environments: { staging: { protected: false, approvals: 1, requiredCategories: [] }, production: { protected: true, approvals: 1, requiredCategories: [] } },
    people: [
      { name: 'alice', identities: { slack: [ALICE_SLACK], discord: [ALICE_DISCORD] }, roles: ['author', 'deployer', 'deployer@production'] },
      { name: 'bob', slack: [BOB_SLACK], roles: ['approver', 'approver@production', 'admin'] },
    ],
    github: { repositories: { 'Codertocat/Hello-World': { service: 'api' } } },
    api: { tokens: [{ name: 'ci', tokenEnv: 'DAYOPS_API_TOKEN_CI', permissions: ['request', 'read', 'record-external'], services: ['api'] }] },
  };
  const configPath = join(dir, 'dayops.config.json');
  await writeFile(configPath, JSON.stringify(config));
  const dataDir = join(dir, 'data');
  const env = {
    ...FAKE_SECRETS,
    DAYOPS_CONFIG: configPath,
    DAYOPS_DATA_DIR: dataDir,
    DAYOPS_PORT: '0',
    SLACK_API_URL: chatUrl,
    DISCORD_API_URL: `${chatUrl}discord`,
    DISCORD_PUBLIC_KEY: publicKeyHex(keys.publicKey),
    DISCORD_APPLICATION_ID: '1100000000000000001',
    // The fixtures' server.
    DISCORD_GUILD_IDS: '1310000000000000100',
    ARGOCD_URL: `${chatUrl}argocd`,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger('trace', sink);
  const app = await buildApp({ config: loadConfig(env), log, mode: 'service' });
  const { url } = await app.http.start();
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    app,
    url,
    chatUrl,
    logs,
    chat,
    dataDir,
    state: () => readFile(join(dataDir, 'state.json'), 'utf8').catch(() => ''),
    slack: (body, contentType = 'application/x-www-form-urlencoded') => {
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = slackSignature(FAKE_SECRETS.SLACK_SIGNING_SECRET, ts, body);
      return post('/slack/events', body, { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature });
    },
    discord: (body, timestamp) => {
      const ts = timestamp ?? String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex');
      return post('/discord/interactions', body, { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts });
    },
    post,
    close: async () => {
      await app.stop(1000);
      await chat.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function publicKeyHex(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('hex');
}
