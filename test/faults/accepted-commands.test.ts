import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { slackSignature } from '../../adapters/chat/slack/verify.js';
import { keyPair, signedPost as discordSignedPost, slashCommand } from '../discord/support.js';
import { dayops, type DayopsProcess } from '../e2e/process.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const SECRET = 'accepted-commands-signing-secret';
const TEAM = 'T0A1B2C3D4E';
const ALICE = 'U0AB12CD34E';
const CHANNEL = 'C0OPSPROD01';

/**
 * Slack's side on a local port: the Web API the bot calls (usergroups.list can be held, as a
 * slow Slack would) and the response_urls it answers commands through, recorded per path.
 */
class SlackStandIn {
  readonly responses = new Map<string, Record<string, unknown>[]>();
  readonly calls: string[] = [];
  private held: Promise<void> | undefined;
  private release: () => void = () => {};
  private readonly waiters = new Set<() => void>();
  private readonly server: Server = createServer((req, res) => void this.answer(req).then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** usergroups.list waits (the bot reads group roles there) until `letGo`. */
  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  letGo(): void {
    this.release();
    this.held = undefined;
  }

  /** Resolves once `check` holds, re-checked on every request the stand-in gets. */
  until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not seen in time; calls: ${this.calls.join(', ')}`)), timeoutMs);
      const poke = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(poke);
        resolve();
      };
      this.waiters.add(poke);
      poke();
    });
  }

  private async answer(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '').split('?')[0]!;
    this.calls.push(path);
    try {
      if (path.startsWith('/response/')) {
        this.responses.set(path, [...(this.responses.get(path) ?? []), JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>]);
        return { ok: true };
      }
      if (path === '/api/usergroups.list') {
        const held = this.held;
        for (const w of [...this.waiters]) w();
        await held;
        return { ok: true, usergroups: [{ id: 'S0OPS', users: [ALICE] }] };
      }
      if (path === '/api/auth.test') return { ok: true, team_id: TEAM, user_id: 'U0BOT5678XY', bot_id: 'B0BOT123456' };
      return { ok: true, channel: CHANNEL, ts: `1763763605.${String(this.calls.length).padStart(6, '0')}`, channels: [] };
    } finally {
      for (const w of [...this.waiters]) w();
    }
  }
}

function writeConfig(dir: string): string {
  const path = join(dir, 'dayops.config.yaml');
  writeFileSync(
    path,
    [
      'people:',
      `  - { name: alice, roles: [viewer], slack: [${ALICE}] }`,
      '  - { name: bob, roles: [approver] }',
      // alice writes decisions through her user group, read from Slack after the acknowledgement.
      'groups:',
      "  'slack:S0OPS': [author, approver]",
    ].join('\n'),
  );
  return path;
}

function signedPost(base: string, body: string, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(SECRET, timestamp, body) },
    body,
  });
}

function slash(base: string, slack: string, text: string, n: number): Promise<Response> {
  return signedPost(
    base,
    new URLSearchParams({ team_id: TEAM, channel_id: CHANNEL, user_id: ALICE, user_name: 'alice', command: '/ops', text, response_url: `${slack}/response/${n}`, trigger_id: `trigger.${n}.${Date.now()}` }).toString(),
  );
}

function press(base: string, slack: string, action: string, value: string, n: number): Promise<Response> {
  const payload = {
    type: 'block_actions',
    user: { id: ALICE, username: 'alice', name: 'alice', team_id: TEAM },
    team: { id: TEAM, domain: 'acme-ops' },
    channel: { id: CHANNEL, name: 'ops-prod' },
    container: { type: 'message', message_ts: '1763763605.001200', channel_id: CHANNEL },
    trigger_id: `press.${n}`,
    response_url: `${slack}/response/${n}`,
    actions: [{ type: 'button', action_id: action, value, action_ts: `1763763700.${n}`, block_id: 'b' }],
  };
  return signedPost(base, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

describe('a Slack command acknowledged and then cut off by SIGKILL', { timeout: 240_000 }, () => {
  it('runs once at the next start, and its sender is told it ran late (a slash command, then a button)', async () => {
    const slack = new SlackStandIn();
    const slackUrl = await slack.start();
    onTestFinished(() => slack.stop());
    const dir = tempDir();
    const env = { DAYOPS_CONFIG: writeConfig(dir), DAYOPS_DATA_DIR: join(dir, 'data'), SLACK_BOT_TOKEN: 'xoxb-accepted', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackUrl}/api/` };
    const started: DayopsProcess[] = [];
    onTestFinished(() => started.forEach((p) => p.child.kill('SIGKILL')));
    const serve = async () => {
      const p = dayops(['serve'], env);
      started.push(p);
      return { p, base: (await p.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]! };
    };
    const killAfterAck = async (send: (base: string) => Promise<Response>) => {
      const { p, base } = await serve();
      slack.hold();
      const before = slack.calls.filter((c) => c === '/api/usergroups.list').length;
      expect((await send(base)).status).toBe(200);
      // Acknowledged, and now running: it waits on Slack for alice's user groups. Killed there.
      await slack.until(() => slack.calls.filter((c) => c === '/api/usergroups.list').length > before);
      p.child.kill('SIGKILL');
      await p.exited;
      slack.letGo();
    };

    await killAfterAck((base) => slash(base, slackUrl, 'decide Orders live in PostgreSQL', 1));
    expect(slack.responses.get('/response/1')).toBeUndefined();
    let { p, base } = await serve();
    await slack.until(() => slack.responses.has('/response/1'));
    const late = JSON.stringify(slack.responses.get('/response/1'));
    expect(late).toContain('This ran late: dayops restarted after accepting it');
    expect(late).toContain('D-1');
    expect((await slash(base, slackUrl, 'decisions', 2)).status).toBe(200);
    await slack.until(() => slack.responses.has('/response/2'));
    const list = JSON.stringify(slack.responses.get('/response/2'));
    // One decision: the command ran once (a second run would have made D-2).
    expect(list).toContain('D-1');
    expect(list).toContain('Orders live in PostgreSQL');
    expect(list).not.toContain('D-2');
    expect(slack.responses.get('/response/1')).toHaveLength(1);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);

    await killAfterAck((b) => press(b, slackUrl, 'decision.accept', 'D-1', 3));
    ({ p, base } = await serve());
    await slack.until(() => slack.responses.has('/response/3'));
    const pressed = slack.responses.get('/response/3')![0]!;
    expect(JSON.stringify(pressed)).toContain('This ran late');
    // The presser alone is told; the decision's own message shows the change.
    expect(pressed.response_type).toBe('ephemeral');
    expect((await slash(base, slackUrl, 'decision show D-1', 4)).status).toBe(200);
    await slack.until(() => slack.responses.has('/response/4'));
    expect(JSON.stringify(slack.responses.get('/response/4'))).toMatch(/accepted/i);
    expect(slack.responses.get('/response/3')).toHaveLength(1);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    for (const s of started) expect(s.stderr()).not.toMatch(/Unhandled|unhandledRejection|uncaught/i);
  });
});

/** Discord's REST side on a local port: interaction answers are recorded by method and path. */
async function discordStandIn(): Promise<{ url: string; answers: { method: string; path: string; body: string }[]; stop(): Promise<void> }> {
  const answers: { method: string; path: string; body: string }[] = [];
  let id = 1_310_000_000_000_009_000n;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      answers.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: String(id++), channel_id: DISCORD.channel }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    answers,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const DISCORD = { app: '1310000000000000001', guild: '1310000000000000100', channel: '1310000000000000200', alice: '1310000000000000300' };
const skipPg = skipWithoutPostgres();

describe.skipIf(skipPg)(`a deferred Discord command cut off by SIGKILL (${POSTGRES_SKIP_NOTE})`, { timeout: 240_000 }, () => {
  let pg: RunningPostgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => pg?.stop());

  it('runs once on the next replica to start, and answers through the interaction saying it ran late', async () => {
    const url = await pg!.createDatabase();
    const discord = await discordStandIn();
    onTestFinished(() => discord.stop());
    const keys = keyPair();
    const dir = tempDir();
    const config = join(dir, 'dayops.config.yaml');
    writeFileSync(config, ['people:', `  - { name: alice, roles: [author], discord: ['${DISCORD.alice}'] }`, '  - { name: bob, roles: [approver] }', 'discord:', `  guilds: ['${DISCORD.guild}']`].join('\n'));
    const env = { DAYOPS_CONFIG: config, DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_DATABASE_URL: url, DISCORD_TOKEN: 'accepted-bot-token', DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: DISCORD.app, DISCORD_API_URL: discord.url };
    const started: DayopsProcess[] = [];
    onTestFinished(() => started.forEach((p) => p.child.kill('SIGKILL')));
    const serve = async () => {
      const p = dayops(['serve'], env);
      started.push(p);
      return { p, base: (await p.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]! };
    };
    const first = await serve();

    // Another database client holds the decision counter's row: the command's transaction waits
    // on it, so Discord gets the deferred answer (after 2 s) while the command has not run.
    const holder = new postgres.Client({ connectionString: url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`INSERT INTO dayops_counters (name, value) VALUES ('decision', 0)`);
    const body = JSON.stringify(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: 'Orders live in PostgreSQL' }], '1310000000000007001'));
    const res = await discordSignedPost(`${first.base}/discord/interactions`, body, keys.privateKey);
    expect(((await res.json()) as { type: number }).type).toBe(5);
    first.p.child.kill('SIGKILL');
    await first.p.exited;
    await holder.query('ROLLBACK');
    await holder.end();
    expect(discord.answers.filter((a) => a.path.includes('/webhooks/'))).toEqual([]);

    // The killed replica's hold on the command runs out (30 s); the next replica then runs it.
    const second = await serve();
    // decide answers privately: the deferred "thinking…" answer is removed and a private follow-up says it ran late.
    const late = () => discord.answers.filter((a) => a.method === 'POST' && a.path.includes(`/webhooks/${DISCORD.app}/`));
    await until(() => late().length > 0, 90_000, () => `answers: ${JSON.stringify(discord.answers)}\n${second.p.stderr().slice(-4000)}`);
    expect(late()[0]!.body).toContain('This ran late: dayops restarted after accepting it');
    expect(late()[0]!.body).toContain('D-1');
    expect(discord.answers.filter((a) => a.method === 'DELETE' && a.path.includes(`/webhooks/${DISCORD.app}/`))).toHaveLength(1);
    const decisions = await sql(url, `SELECT count(*)::int AS n FROM dayops_records WHERE kind = 'decision'`);
    expect((decisions[0] as { n: number }).n).toBe(1);
    second.p.child.kill('SIGTERM');
    expect(await second.p.exited).toBe(0);
    expect(late()).toHaveLength(1);
    for (const s of started) expect(s.stderr()).not.toMatch(/Unhandled|unhandledRejection|uncaught/i);
  });
});

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new postgres.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
