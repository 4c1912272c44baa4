import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fuzz/targets.js';
import { ALICE_SLACK, BOB_SLACK, FAKE_SECRETS, startSecuredApp, type SecuredApp } from './secured-app.js';

let s: SecuredApp;
/** Every HTTP answer dayops gave, including refusals of wrong credentials. */
const answers: string[] = [];

async function keep(res: Promise<Response>): Promise<number> {
  const r = await res;
  answers.push(`${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`);
  return r.status;
}

function slashCommand(user: string, text: string, n: number): string {
  return new URLSearchParams({
    command: '/ops',
    text,
    user_id: user,
    user_name: user,
    team_id: 'T0A1B2C3D4E',
    channel_id: 'C0OPS',
    trigger_id: `8123.${n}.abc`,
    response_url: `${s.chatUrl}respond`,
  }).toString();
}

function button(user: string, action: string, value: string): string {
  const payload = structuredClone(fixture('slack/block-actions.json')) as Record<string, unknown> & { actions: Record<string, unknown>[] };
  payload.user = { id: user, username: user, name: user, team_id: 'T0A1B2C3D4E' };
  payload.response_url = `${s.chatUrl}respond`;
  payload.actions = [{ ...payload.actions[0], action_id: action, value, action_ts: `${Date.now() / 1000}` }];
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

async function idle(): Promise<void> {
  await s.app.ops.activity.whenIdle(10_000);
  await s.app.ops.deployRunner.whenIdle();
  await s.app.ops.outbox.whenIdle(10_000);
}

beforeAll(async () => {
  s = await startSecuredApp();
  s.app.ops.outbox.start();
  const token = FAKE_SECRETS.DAYOPS_WEBHOOK_TOKEN;
  // Slack: commands, a button, and a request signed with the wrong secret.
  expect(await keep(s.slack(slashCommand(ALICE_SLACK, 'whoami', 1)))).toBe(200);
  expect(await keep(s.slack(slashCommand(ALICE_SLACK, 'deploy api 1.0.0 to staging', 2)))).toBe(200);
  await idle();
  expect(await keep(s.slack(button(BOB_SLACK, 'deploy.approve', 'DEP-1')))).toBe(200);
  expect(await keep(s.slack(slashCommand(ALICE_SLACK, 'decide Nightly backups --category database', 3)))).toBe(200);
  expect(await keep(s.slack(slashCommand(ALICE_SLACK, 'deploy web 1.0.0 to staging', 4)))).toBe(200);
  expect(await keep(s.post('/slack/events', slashCommand(ALICE_SLACK, 'whoami', 5), { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': '1', 'x-slack-signature': `v0=${'0'.repeat(64)}` }))).toBe(401);
  // Discord: a ping, a command, and a bad signature.
  expect(await keep(s.discord(JSON.stringify(fixture('discord/interaction-ping.json'))))).toBe(200);
  await keep(s.discord(JSON.stringify(fixture('discord/interaction-slash-command.json'))));
  expect(await keep(s.post('/discord/interactions', '{"type":1}', { 'x-signature-ed25519': '0'.repeat(128), 'x-signature-timestamp': '1' }))).toBe(401);
  // Alert webhooks: bearer, basic auth, Grafana's HMAC, and wrong credentials.
  const alert = JSON.stringify(fixture('alertmanager/firing-group.json'));
  expect(await keep(s.post('/webhooks/alertmanager', alert, { authorization: `Bearer ${token}` }))).toBe(200);
  expect(await keep(s.post('/webhooks/alertmanager', alert, { authorization: `Basic ${Buffer.from(`am:${token}`).toString('base64')}` }))).toBe(200);
  const grafana = JSON.stringify(fixture('grafana/firing.json'));
  const hmac = createHmac('sha256', FAKE_SECRETS.DAYOPS_GRAFANA_SECRET).update(grafana).digest('hex');
  expect(await keep(s.post('/webhooks/grafana', grafana, { authorization: `Bearer ${token}`, 'x-grafana-alerting-signature': hmac }))).toBe(200);
  expect(await keep(s.post('/webhooks/alertmanager', alert, { authorization: `Bearer ${token}x` }))).toBe(401);
  // The pipeline API: a request, a read, a service outside the token's scope, a wrong token.
  const api = { authorization: `Bearer ${FAKE_SECRETS.DAYOPS_API_TOKEN_CI}` };
  expect(await keep(s.post('/api/deployments', JSON.stringify({ service: 'api', version: '2.0.0', env: 'production', requester: 'alice' }), api))).toBe(201);
  expect(await keep(s.post('/api/deployments', JSON.stringify({ service: 'web', version: '2.0.0', env: 'staging', requester: 'alice' }), api))).toBe(403);
  expect(await keep(s.post('/api/deployments', '{}', { authorization: `Bearer ${FAKE_SECRETS.SLACK_BOT_TOKEN}` }))).toBe(401);
  expect(await keep(fetch(`${s.url}/api/deployments/DEP-1`, { headers: api }))).toBe(200);
  await idle();
}, 60_000);

afterAll(() => s?.close());

async function dataFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await dataFiles(path)));
    else out.push(await readFile(path, 'utf8'));
  }
  return out;
}

describe('secrets with known fake values, after the main flows', () => {
  it('the flows ran: messages reached the chat API with the bot token, records and audit lines were written', async () => {
    expect(s.chat.tokens.has(FAKE_SECRETS.SLACK_BOT_TOKEN)).toBe(true);
    expect(s.chat.posts.length).toBeGreaterThan(3);
    const audit = await s.app.ops.store.queryAudit({ limit: 1000 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['deployment.approve']));
    expect(s.logs.length).toBeGreaterThan(20);
  });

  for (const [name, value] of Object.entries(FAKE_SECRETS)) {
    it(`${name} appears in no log line, audit line, stored record, chat message or answer`, async () => {
      const audit: string[] = [];
      await s.app.ops.store.exportAudit((line) => void audit.push(line));
      const places: [string, string[]][] = [
        ['log', s.logs],
        ['audit', audit],
        ['data directory', await dataFiles(s.dataDir)],
        // The Slack client may send its own token as a form field to Slack's API: that is where it belongs.
        ['chat API request body', s.chat.bodies.map((b) => b.replace(/(^|&)token=[^&]*/g, ''))],
        ['HTTP answer', answers],
      ];
      for (const [where, lines] of places) {
        const leak = lines.find((line) => line.includes(value));
        expect(leak === undefined ? undefined : `${where}: ${leak.slice(0, 400)}`).toBeUndefined();
      }
    });
  }
});

describe('log redaction', () => {
  it('censors every secret-bearing field, at the top and one level down, and in HTTP client errors', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../bot/log.js');
    const { CHAT_PLATFORMS } = await import('../../bin/chat-adapters.js');
    const lines: string[] = [];
    // The chat adapters' secrets and signature headers are censored as their adapters declare them.
    const log = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }), [], CHAT_PLATFORMS);
    const secret = 'FAKE-redaction-probe-0000';
    log.info({ token: secret, webhookToken: secret, secrets: { slack: { botToken: secret } }, headers: { authorization: secret, 'x-slack-signature': secret } }, 'one');
    log.info({ err: { config: { headers: { Authorization: `Bearer ${secret}` } } }, config: { githubToken: secret, apiTokens: { ci: secret }, databaseUrl: secret } }, 'two');
    log.info({ req: { headers: { authorization: secret, 'x-signature-ed25519': secret } }, slack: { signingSecret: secret, appToken: secret } }, 'three');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(lines.join('')).toContain('[redacted]');
  });
});

describe('replayed signed requests', () => {
  it('Slack and Discord requests signed more than five minutes ago are refused', async () => {
    const { slackSignature } = await import('../../adapters/chat/slack/verify.js');
    const old = String(Math.floor(Date.now() / 1000) - 301);
    const body = slashCommand(ALICE_SLACK, 'whoami', 99);
    const slack = await s.post('/slack/events', body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': old, 'x-slack-signature': slackSignature(FAKE_SECRETS.SLACK_SIGNING_SECRET, old, body) });
    expect(slack.status).toBe(401);
    const discord = await s.discord(JSON.stringify(fixture('discord/interaction-ping.json')), old);
    expect(discord.status).toBe(401);
    expect(await discord.json()).toEqual({ error: 'stale_timestamp' });
  });

  it('a Discord request validly signed over a timestamp that is not Unix seconds is refused, not let past the age check', async () => {
    for (const timestamp of ['abc', '', '1e3', ' 1700000000', String(Math.floor(Date.now() / 1000)) + '.5']) {
      const discord = await s.discord(JSON.stringify(fixture('discord/interaction-ping.json')), timestamp);
      expect([timestamp, discord.status]).toEqual([timestamp, 401]);
    }
  });
});
