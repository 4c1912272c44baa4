// Slack's 3-second acknowledgement: signed /ops requests at a steady rate through the real HTTP
// server with the dayops adapter, beside a bare Bolt app that only acknowledges, in the same run.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver } from '@slack/bolt';
import { slackSignature } from '../adapters/chat/slack/verify.js';
import { buildApp } from '../bin/app.js';
import { loadConfig } from '../bin/config.js';
import { silentLogger } from '../bot/log.js';
import { ms, percentile, verdict } from './stats.js';

export interface Load {
  rate: number;
  seconds: number;
}

const DEFAULT_LOAD: Load = { rate: 200, seconds: 20 };
const SECRET = 'bench-signing-secret';
const BOT = { botId: 'B0BENCH0001', botUserId: 'U0BENCH0001' };

/** When each command's answer reached its response_url (performance.now()), by command number. */
const answeredAt = new Map<number, number>();
/** When each command was sent, by number. */
const sentAt = new Map<number, number>();

/** Stands in for Slack's Web API and response_url on localhost, so the bench never leaves the machine. */
async function startSlackStandIn(): Promise<{ server: Server; url: string }> {
  let ts = 1;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const n = /^\/commands\/(\d+)$/.exec(req.url ?? '')?.[1];
      if (n !== undefined) answeredAt.set(Number(n), performance.now());
      res.setHeader('content-type', 'application/json');
      // One answer fits every method the bench causes: auth.test, chat.*, response_url posts.
      res.end(JSON.stringify({ ok: true, user_id: BOT.botUserId, bot_id: BOT.botId, team_id: 'T0BENCH', channel: 'C0BENCH', ts: `1763763605.${String(ts++).padStart(6, '0')}` }));
    });
  });
  return { server, url: await listen(server) };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function slashBody(n: number, responseUrl: string): string {
  return new URLSearchParams({
    token: 'bench',
    team_id: 'T0BENCH',
    channel_id: 'C0BENCH',
    user_id: 'U0BENCHUSER',
    user_name: 'bench',
    command: '/ops',
    text: 'whoami',
    response_url: `${responseUrl}/commands/${n}`,
    trigger_id: `bench.${n}.${Date.now()}`,
  }).toString();
}

async function send(url: string, body: string, n: number): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const start = performance.now();
  sentAt.set(n, start);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(SECRET, timestamp, body) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`ack answered ${res.status}`);
  return performance.now() - start;
}

/** Fires requests on a fixed schedule (not one after another), as Slack's traffic arrives. */
async function steadyLoad(url: string, responseUrl: string, load: Load): Promise<number[]> {
  const total = load.rate * load.seconds;
  const interval = 1000 / load.rate;
  const start = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(url, slashBody(i, responseUrl), i));
  }
  return Promise.all(pending);
}

async function measureDayops(standIn: string, load: Load): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dayops-bench-slack-'));
  const base = loadConfig({ DAYOPS_DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${standIn}/api/` });
  // The composition root installs Slack itself, as in production (auth.test goes to the stand-in).
  const app = await buildApp({ config: { ...base, http: { ...base.http, port: 0 } }, log: silentLogger, mode: 'service' });
  try {
    const { url } = await app.start();
    return await steadyLoad(`${url}/slack/events`, standIn, load);
  } finally {
    await app.stop(5000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bolt with its own HTTP receiver, acknowledging and doing nothing else: the floor to compare with. */
async function measureBareBolt(standIn: string, load: Load): Promise<number[]> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  const bolt = new App({ token: 'xoxb-bench', receiver, ...BOT, clientOptions: { slackApiUrl: `${standIn}/api/` } });
  bolt.command('/ops', async ({ ack }) => ack());
  const server = (await receiver.start(0)) as Server;
  try {
    return await steadyLoad(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, standIn, load);
  } finally {
    await receiver.stop();
  }
}

export async function runSlackAckBench(load: Load = DEFAULT_LOAD): Promise<string[]> {
  const standIn = await startSlackStandIn();
  try {
    const bare = await measureBareBolt(standIn.url, load);
    answeredAt.clear();
    sentAt.clear();
    const ours = await measureDayops(standIn.url, load);
    // Acking only once the change is durable would make the ack wait this long: the whole command.
    const answered = [...answeredAt].map(([n, at]) => at - (sentAt.get(n) ?? at));
    const [bareP50, bareP99, p50, p99] = [percentile(bare, 50), percentile(bare, 99), percentile(ours, 50), percentile(ours, 99)];
    const ratio = p99 / bareP99;
    return [
      `## Slack /ops acknowledgement (${load.rate}/s for ${load.seconds} s, signed, real HTTP server)`,
      '',
      '| | p50 | p99 |',
      '|---|---|---|',
      `| bare Bolt (ack only) | ${ms(bareP50)} | ${ms(bareP99)} |`,
      `| dayops adapter (ack, then router + response_url) | ${ms(p50)} | ${ms(p99)} |`,
      `| dayops, until the answer reached response_url (the ack if it waited for the change) | ${ms(percentile(answered, 50))} | ${ms(percentile(answered, 99))} |`,
      '',
      `p99 ratio ${ratio.toFixed(2)}× (target ≤ 1.25×, and p99 < 3 s): ${verdict(ratio <= 1.25 && p99 < 3000)}`,
      'The dayops ack includes recording the command in the store (one fdatasynced journal line) before it is sent.',
    ];
  } finally {
    await new Promise((resolve) => standIn.server.close(resolve));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rate, seconds] = process.argv.slice(2).map(Number);
  for (const line of await runSlackAckBench({ rate: rate || DEFAULT_LOAD.rate, seconds: seconds || DEFAULT_LOAD.seconds })) console.log(line);
}
