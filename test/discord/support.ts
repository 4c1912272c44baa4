import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DiscordSecrets } from '../../adapters/chat/discord/config.js';
import { attachChat } from '../../bin/chat.js';
import { installDiscord, type DiscordAdapter, type DiscordInstallOptions } from '../../adapters/chat/discord/install.js';
import { HttpServer } from '../../adapters/http/server.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { installUndeliverableNotices } from '../../bot/undeliverable.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

export const API_URL = 'http://discord.test/api';
export const APPLICATION_ID = '1310000000000000001';
export const GUILD = '1310000000000000100';
export const CHANNEL = '1310000000000000200';
/** The fixtures' user is alice; bob approves and administers in the demo team. */
export const ALICE = '1310000000000000300';
export const BOB = '1310000000000000301';
export const STRANGER = '1310000000000000399';

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/discord/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** msw for every external call; our own server on 127.0.0.1 is reached for real. */
export const mswServer = setupServer();

export function listenMsw(): void {
  mswServer.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname === '127.0.0.1') return;
      print.error();
    },
  });
}

export interface ApiCall {
  method: string;
  /** The path after /api/v10. */
  path: string;
  body: Record<string, unknown> | undefined;
  auth: string | null;
}

type Planned = () => Response;

/**
 * A stand-in for Discord's REST API at API_URL: records every call and answers like Discord
 * (messages get increasing snowflakes, a thread gets its message's id), or with a queued answer.
 */
export class FakeDiscordApi {
  readonly calls: ApiCall[] = [];
  /** What GET /gateway/bot hands out (the gateway stand-in's address). */
  gatewayUrl = 'ws://127.0.0.1:1';
  /** What GET …/commands answers: the registration before this one. */
  registered: Record<string, unknown>[] = [];
  private readonly planned: { method: string; path: RegExp; answer: Planned }[] = [];
  private nextId = 1310000000000000701n;

  install(): void {
    mswServer.use(
      http.all(`${API_URL}/v10/*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
        const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
        const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
        this.calls.push({ method: request.method, path, body, auth: request.headers.get('authorization') });
        const i = this.planned.findIndex((p) => p.method === request.method && p.path.test(path));
        if (i >= 0) return this.planned.splice(i, 1)[0]!.answer();
        return this.answer(request.method, path, body);
      }),
    );
  }

  /** The next matching call gets this answer instead. */
  answerNext(method: string, path: RegExp, answer: Planned): this {
    this.planned.push({ method, path, answer });
    return this;
  }

  callsOf(method: string, path: RegExp): ApiCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  private answer(method: string, path: string, body: Record<string, unknown> | undefined): Response {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return HttpResponse.json({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      return HttpResponse.json({ id: m[2], type: 11, parent_id: m[1], name: body?.name });
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') return HttpResponse.json(this.message(m[1]!, body));
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') return HttpResponse.json({ ...this.message(m[1]!, body), id: m[2] });
    if (path === '/users/@me/channels' && method === 'POST') return HttpResponse.json({ id: `${String(body?.recipient_id).slice(0, -3)}777`, type: 1, recipients: [{ id: body?.recipient_id }] });
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return new HttpResponse(null, { status: 204 });
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      return method === 'DELETE' ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(this.message(CHANNEL, body));
    }
    if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === 'POST') return HttpResponse.json(this.message(CHANNEL, body));
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (method === 'GET') return HttpResponse.json(this.registered);
      if (method === 'PUT') return HttpResponse.json(body);
    }
    return HttpResponse.json({ message: '404: Not Found', code: 0 }, { status: 404 });
  }

  private message(channelId: string, body: Record<string, unknown> | undefined): Record<string, unknown> {
    const base = fixture('create-message-response');
    return { ...base, ...body, id: String(this.nextId++), channel_id: channelId };
  }
}

export interface KeyPair {
  publicKeyHex: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 key pair, the public half as the 64 hex characters the Developer Portal shows. */
export function keyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { publicKeyHex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

/** The demo team with Discord ids for alice and bob, and Discord in HTTP interactions mode. */
export function discordConfig(secrets: DiscordSecrets, base: Config = loadConfig({})): Config {
  const ids: Record<string, string> = { alice: ALICE, bob: BOB };
  return {
    ...base,
    people: base.people.map((p) => (ids[p.name] ? { ...p, identities: { ...p.identities, discord: [ids[p.name] as string] } } : p)),
    discord: { ...base.discord, guilds: [GUILD] },
    secrets: { ...base.secrets, chat: { ...base.secrets.chat, discord: secrets } },
  };
}

export function httpSecrets(keys: KeyPair): DiscordSecrets {
  return { token: 'test-bot-token', publicKey: keys.publicKeyHex, applicationId: APPLICATION_ID, apiUrl: API_URL };
}

export interface Harness {
  ops: TestOps;
  router: Router;
  adapter: DiscordAdapter;
  http: HttpServer;
  /** POST /discord/interactions on the running server. */
  interactionsUrl: string;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(config: Config, options: DiscordInstallOptions = {}, before?: (ops: TestOps) => void): Promise<Harness> {
  const ops = await createTestOps({ config });
  // As createOps does in production.
  installUndeliverableNotices(ops);
  before?.(ops);
  const registry = new CommandRegistry(COMMANDS, ACTIONS);
  const router = new Router(ops, registry);
  const server = new HttpServer({ port: 0, onError: (err) => ops.log.error({ err }, 'test server error') });
  const adapter = installDiscord({ ops, router, http: server, registry }, options);
  if (!adapter) throw new Error('Discord was not installed');
  attachChat({ ops, router, http: server }, 'discord', adapter);
  ops.outbox.start();
  const { url } = await server.start();
  await adapter.start();
  return {
    ops,
    router,
    adapter,
    http: server,
    interactionsUrl: `${url}/discord/interactions`,
    settle: async () => {
      for (let i = 0; i < 3; i++) {
        await ops.activity.whenIdle(5000);
        await ops.outbox.whenIdle(5000);
      }
    },
    close: async () => {
      await server.stop();
      await adapter.stop();
      await ops.outbox.stop();
      await ops.close();
    },
  };
}

/** An interaction signed the way Discord signs it: Ed25519 over timestamp + body, hex. */
export function signedPost(url: string, body: string, privateKey: KeyObject, timestamp = String(Math.floor(Date.now() / 1000))): Promise<Response> {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
    body,
  });
}

/** `/ops <group> <subcommand>` with options, as Discord sends it, from the fixture's alice. */
export function slashCommand(
  group: string,
  sub: string,
  options: { name: string; type: number; value: unknown }[],
  id = '1310000000000001001',
  userId = ALICE,
): Record<string, unknown> {
  const base = fixture<{ data: Record<string, unknown>; member: { user: Record<string, unknown> } }>('interaction-slash-command');
  return {
    ...base,
    id,
    data: { ...base.data, options: [{ name: group, type: 2, options: [{ name: sub, type: 1, options }] }] },
    member: { ...base.member, user: { ...base.member.user, id: userId } },
  };
}

/** A press of `customId` on message `messageId`, by `userId` (alice by default). */
export function buttonPress(customId: string, messageId: string, userId = ALICE, id = '1310000000000001002'): Record<string, unknown> {
  const base = fixture<{ data: Record<string, unknown>; message: Record<string, unknown>; member: { user: Record<string, unknown> } }>('interaction-button');
  return {
    ...base,
    id,
    data: { ...base.data, custom_id: customId },
    message: { ...base.message, id: messageId },
    member: { ...base.member, user: { ...base.member.user, id: userId, username: `user-${userId.slice(-3)}` } },
  };
}
