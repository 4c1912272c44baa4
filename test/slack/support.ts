import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { HttpServer } from '../../adapters/http/server.js';
import { installSlack, type SlackAdapter } from '../../adapters/chat/slack/install.js';
import type { SlackSecrets } from '../../adapters/chat/slack/config.js';
import { attachChat } from '../../bin/chat.js';
import { slackSignature } from '../../adapters/chat/slack/verify.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { installUndeliverableNotices } from '../../bot/undeliverable.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const API_URL = 'http://slack.test/api';
export const BOT = { botId: 'B0BOT123456', botUserId: 'U0BOT5678XY' };
/** The fixtures' user is alice; bob approves and administers in the demo team. */
export const ALICE = 'U0AB12CD34E';
export const BOB = 'U0CD56EF78G';
export const CHANNEL = 'C0OPSPROD01';
/** The fixtures' workspace, which the bot token belongs to. */
export const TEAM = 'T0A1B2C3D4E';

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

/**
 * msw for every external call; requests to our own server on 127.0.0.1 go through. Anything
 * else unhandled fails the request, so no test reaches the network.
 */
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
  params: Record<string, unknown>;
  /** What the stand-in answered, when it answered like Slack. */
  answer?: Record<string, unknown>;
}

/**
 * A stand-in for Slack's Web API at API_URL: records every call with its form fields (blocks
 * parsed back from their JSON string) and answers like Slack, or with a queued answer.
 */
export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  /** JSON posted to response_url, in order. */
  readonly responses: { url: string; body: Record<string, unknown> }[] = [];
  private readonly queued = new Map<string, (() => Response)[]>();
  private hold: Promise<void> | undefined;
  /** What apps.connections.open hands out (the Socket Mode stand-in's address). */
  socketUrl = 'ws://127.0.0.1:1/';
  private nextTs = 1;

  install(): void {
    mswServer.use(
      http.post(`${API_URL}/:method`, async ({ request, params }) => {
        const method = String(params.method);
        const form = Object.fromEntries(new URLSearchParams(await request.text()));
        const parsed: Record<string, unknown> = { ...form };
        if (typeof form.blocks === 'string') parsed.blocks = JSON.parse(form.blocks);
        const planned = this.queued.get(method)?.shift();
        if (planned) {
          this.calls.push({ method, params: parsed });
          return planned();
        }
        const answer = this.answer(method, parsed);
        this.calls.push({ method, params: parsed, answer });
        return HttpResponse.json(answer);
      }),
      http.post('https://hooks.slack.com/*', async ({ request }) => {
        await this.hold;
        this.responses.push({ url: request.url, body: (await request.json()) as Record<string, unknown> });
        return new HttpResponse(null, { status: 200 });
      }),
    );
  }

  /** response_url posts wait until the returned function is called. */
  holdResponses(): () => void {
    let release = () => {};
    this.hold = new Promise((resolve) => (release = resolve));
    return release;
  }

  /** The next call of `method` gets this answer instead. */
  answerNext(method: string, answer: () => Response): this {
    this.queued.set(method, [...(this.queued.get(method) ?? []), answer]);
    return this;
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  /** The ts Slack gave the last message posted with chat.postMessage. */
  lastPostedTs(): string {
    const last = this.calls.filter((c) => c.method === 'chat.postMessage' && c.answer).at(-1);
    return String(last?.answer?.ts ?? '');
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: params.channel as string, ts: `1763763605.${String(this.nextTs++).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: params.channel as string, ts: params.ts as string };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1763763999.000100' };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'auth.test':
        return { ok: true, url: 'https://dayops-test.slack.com/', team: 'dayops test', user: 'dayops', team_id: TEAM, user_id: BOT.botUserId, bot_id: BOT.botId, is_enterprise_install: false };
      case 'conversations.join':
        return { ok: true, channel: { id: params.channel as string, is_channel: true } };
      case 'usergroups.list':
        return { ok: true, usergroups: [] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** The demo team with Slack ids for alice and bob, and Slack configured for HTTP mode. */
export function slackConfig(secrets: SlackSecrets = defaultSecrets()): Config {
  const base = loadConfig({});
  const ids: Record<string, string> = { alice: ALICE, bob: BOB };
  return {
    ...base,
    people: base.people.map((p) => (ids[p.name] ? { ...p, identities: { ...p.identities, slack: [ids[p.name] as string] } } : p)),
    secrets: { chat: { slack: secrets } },
  };
}

export function defaultSecrets(): SlackSecrets {
  return { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: API_URL };
}

export interface Harness {
  ops: TestOps;
  router: Router;
  adapter: SlackAdapter;
  http: HttpServer;
  /** POST /slack/events on the running server. */
  eventsUrl: string;
  /** Waits until acknowledged work and the outbox have both finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(config: Config = slackConfig()): Promise<Harness> {
  const ops = await createTestOps({ config });
  // As createOps does in production.
  installUndeliverableNotices(ops);
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  const server = new HttpServer({ port: 0, onError: (err) => ops.log.error({ err }, 'test server error') });
  const adapter = installSlack({ ops, router, http: server }, BOT);
  if (!adapter) throw new Error('Slack was not installed');
  attachChat({ ops, router, http: server }, 'slack', adapter);
  ops.outbox.start();
  await adapter.start();
  const { url } = await server.start();
  return {
    ops,
    router,
    adapter,
    http: server,
    eventsUrl: `${url}/slack/events`,
    settle: async () => {
      await ops.activity.whenIdle(5000);
      await ops.outbox.whenIdle(5000);
      await ops.activity.whenIdle(5000);
    },
    close: async () => {
      await server.stop();
      await adapter.stop();
      await ops.outbox.stop();
      await ops.close();
    },
  };
}

export interface SignedOptions {
  /** Unix seconds the request claims; defaults to now. */
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
  contentType?: string;
}

/** A request signed the way Slack signs it. */
export function signedPost(url: string, body: string, options: SignedOptions = {}): Promise<Response> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

/** A slash command's form body: the fixture's fields with these changes. */
export function slashBody(changes: Record<string, string>): string {
  return new URLSearchParams({ ...fixture<Record<string, string>>('slash-command'), ...changes }).toString();
}

/** An interactive payload as Slack posts it: one form field holding JSON. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
