import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../bot/log.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import { startBot, type BotProcess } from './bot-process.js';
import { FakeSlackApi } from './fake-slack-api.js';

export interface CrashOptions {
  kills: number;
  /** Where the messages go: Slack (no resend protection) or Discord (nonce with enforce_nonce). */
  platform?: 'slack' | 'discord';
  seed: number;
  /** Requests sent at once. */
  concurrency?: number;
  /** At most this many new requests per life of the process. */
  perRound?: number;
  /** The kill comes this long after the first request of a round, at random in between. */
  killAfterMs?: [number, number];
  /** How long the last start may take to deliver what is owed. */
  drainTimeoutMs?: number;
  progress?: (line: string) => void;
}

export interface CrashFigures {
  kills: number;
  /** Starts after a kill that loaded the data file and listened. */
  killsSurvived: number;
  requestsSent: number;
  acknowledged: number;
  /** Acknowledged (2xx) before a kill, missing afterwards. Target 0. */
  acknowledgedLost: number;
  /** Deployments in the data file that more than one request created (an idempotency key that did not hold). */
  duplicateRecords: number;
  /** Deployments whose summary never reached the chat API. Target 0. */
  messagesLost: number;
  /** Summaries delivered more than once: at most one send in flight per kill. */
  duplicateDeliveries: number;
  /** Discord only: resends after a kill that the platform answered with the first message (same nonce). */
  resendsAbsorbed: number;
  /** Outbox entries still undelivered after the graceful stop. */
  outboxLeft: number;
  gracefulExitCode: number | null;
  /** Exit code of a SIGTERM sent while requests were still arriving (acknowledged ones must survive it too). */
  midStreamExitCode: number | null;
}

const TOKEN = 'crash-test-api-token';

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pending {
  key: string;
  service: string;
}

/**
 * Runs dayops as a child process with Slack pointed at a local fake, feeds it deployment
 * requests through the pipeline API, SIGKILLs it at random moments, restarts it, retries what
 * was not answered with the same Idempotency-Key (as a pipeline does), and at the end checks
 * what was acknowledged, what was delivered, and that SIGTERM exits 0.
 */
export async function crashRun(options: CrashOptions): Promise<CrashFigures> {
  const rand = random(options.seed);
  const concurrency = options.concurrency ?? 4;
  const perRound = options.perRound ?? 40;
  const [minKill, maxKill] = options.killAfterMs ?? [100, 1200];
  const say = options.progress ?? (() => {});
  const dir = await mkdtemp(join(tmpdir(), 'dayops-crash-'));
  const slack = new FakeSlackApi();
  const slackUrl = await slack.start();
  const services = (options.kills + 1) * perRound + 10;
  const configPath = join(dir, 'dayops.config.json');
  const platform = options.platform ?? 'slack';
  await writeFile(configPath, JSON.stringify(crashConfig(services, platform)));
  const chatEnv: Record<string, string> =
    platform === 'slack'
      ? { SLACK_BOT_TOKEN: 'xoxb-crash-test', SLACK_SIGNING_SECRET: 'crash-test-signing-secret', SLACK_API_URL: slackUrl }
      : { DISCORD_TOKEN: 'crash-test-discord-token', DISCORD_PUBLIC_KEY: discordPublicKeyHex(), DISCORD_API_URL: slackUrl.replace(/api\/$/, 'discord') };
  const env = { DAYOPS_CONFIG: configPath, DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_API_TOKEN_CI: TOKEN, ...chatEnv };
  const acked = new Map<string, string>();
  let pending: Pending[] = [];
  let next = 0;
  let sent = 0;
  let survived = 0;
  let midStreamExitCode: number | null = null;
  try {
    // Rounds end in SIGKILL, then one in SIGTERM while requests still arrive, then a last one that drains.
    for (let round = 0; round <= options.kills + 1; round++) {
      const bot = startBot(env);
      let url: string;
      try {
        url = await bot.listening;
      } catch (err) {
        say(`start ${round} failed: ${(err as Error).message}`);
        break;
      }
      if (round > 0 && round <= options.kills) survived++;
      const retry = pending;
      pending = [];
      const outcome = { stop: false };
      const send = async (p: Pending) => {
        sent++;
        const id = await request(url, p).catch(() => undefined);
        if (id) acked.set(id, p.service);
        else pending.push(p);
      };
      const last = round === options.kills + 1;
      const work = (async () => {
        for (const p of retry) await send(p);
        let inRound = 0;
        const worker = async () => {
          while (!outcome.stop && inRound < perRound) {
            inRound++;
            const service = `s${next++}`;
            await send({ key: `crash-${service}`, service });
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
      })();
      if (last) {
        await work;
        await drain(slack, acked, options.drainTimeoutMs ?? 20_000);
        bot.child.kill('SIGTERM');
        const exit = await bot.exited;
        return await figures(dir, slack, acked, { kills: options.kills, survived, sent, exitCode: exit.code, midStreamExitCode });
      }
      await sleep(minKill + rand() * (maxKill - minKill));
      if (round === options.kills) {
        bot.child.kill('SIGTERM');
        midStreamExitCode = (await bot.exited).code;
        outcome.stop = true;
        await work;
        say(`SIGTERM while requests arrive: exit ${midStreamExitCode}, ${acked.size} acknowledged, ${pending.length} to retry`);
        continue;
      }
      outcome.stop = true;
      await kill(bot);
      await work;
      say(`kill ${round + 1}: ${acked.size} acknowledged, ${pending.length} to retry, ${slack.posts.length} posts`);
    }
    return await figures(dir, slack, acked, { kills: options.kills, survived, sent, exitCode: null, midStreamExitCode });
  } finally {
    await slack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function crashConfig(services: number, platform: 'slack' | 'discord'): Record<string, unknown> {
  const engine = { type: 'script', command: 'true', graceSeconds: 1 };
  const channel = (slack: string, discord: string) => (platform === 'slack' ? `slack:${slack}` : `discord:${discord}`);
  return {
    channels: { ops: channel('C0OPS', '1310000000000000201'), deploys: channel('C0DEPLOYS', '1310000000000000202'), alerts: channel('C0ALERTS', '1310000000000000203'), incidents: channel('C0INC', '1310000000000000204') },
    services: Object.fromEntries(Array.from({ length: services }, (_, i) => [`s${i}`, { engine }])),
    // Every deployment waits for an approval, so each request is one record and one message.
    environments: { staging: { protected: false, approvals: 1, requiredCategories: [] } },
    // Someone who could approve, or the config is refused at start; nobody does here.
    people: [{ name: 'ann', roles: ['approver'] }],
    api: { tokens: [{ name: 'ci', tokenEnv: 'DAYOPS_API_TOKEN_CI', permissions: ['request', 'read'] }] },
  };
}

async function request(url: string, p: Pending): Promise<string | undefined> {
  const res = await fetch(`${url}/api/deployments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': p.key },
    body: JSON.stringify({ service: p.service, version: '1.0.0', env: 'staging', requester: 'ci' }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status >= 200 && res.status < 300 && body.id) return body.id;
  throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
}

async function kill(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exited;
}

/** Waits until every acknowledged deployment's summary has reached the fake Slack. */
async function drain(slack: FakeSlackApi, acked: Map<string, string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const seen = slack.postsPerRecord();
    if ([...acked.keys()].every((id) => seen.has(id))) return;
    await sleep(50);
  }
}

async function figures(
  dir: string,
  slack: FakeSlackApi,
  acked: Map<string, string>,
  run: { kills: number; survived: number; sent: number; exitCode: number | null; midStreamExitCode: number | null },
): Promise<CrashFigures> {
  const store = await openLowdbStore({ dir: join(dir, 'data'), log: silentLogger });
  try {
    const deployments = await store.inspect((tx) => tx.scan('deployment', { state: 'all' }));
    const outboxLeft = (await store.inspect((tx) => tx.scan('outbox'))).length;
    const byId = new Map(deployments.map((d) => [d.id, d]));
    const perService = new Map<string, number>();
    for (const d of deployments) perService.set(d.service, (perService.get(d.service) ?? 0) + 1);
    const delivered = slack.postsPerRecord();
    return {
      kills: run.kills,
      killsSurvived: run.survived,
      requestsSent: run.sent,
      acknowledged: acked.size,
      acknowledgedLost: [...acked].filter(([id, service]) => byId.get(id)?.service !== service).length,
      duplicateRecords: [...perService.values()].reduce((n, c) => n + c - 1, 0),
      messagesLost: deployments.filter((d) => !delivered.has(d.id)).length,
      duplicateDeliveries: [...delivered.values()].reduce((n, c) => n + c - 1, 0),
      resendsAbsorbed: slack.nonceResends,
      outboxLeft,
      gracefulExitCode: run.exitCode,
      midStreamExitCode: run.midStreamExitCode,
    };
  } finally {
    await store.close();
  }
}

function discordPublicKeyHex(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
