import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { EditRequest, PostRequest } from '../../bot/chat-sender.js';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { Actor, OpsMessage, Reply } from '../../bot/model.js';
import { FakeSender } from '../support/fake-sender.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export const TOKEN = 'day2-webhook-token';

/** A deploy engine that succeeds at once, so a rollback started from an incident finishes. */
const QUICK = { type: 'script', command: 'true', graceSeconds: 1 } as const;

/**
 * The demo team's config as `dayops serve` reads it (the environment's data directory, a free
 * port, the webhook token), with the services on a quick engine; `change` adjusts it.
 */
export function day2Config(dataDir: string, change: (c: Config) => void = () => {}, env: Record<string, string> = {}): Config {
  const config = structuredClone(loadConfig({ DAYOPS_DATA_DIR: dataDir, DAYOPS_PORT: '0', DAYOPS_HOST: '127.0.0.1', DAYOPS_WEBHOOK_TOKEN: TOKEN, ...env }));
  config.services.api = { ...config.services.api!, engine: QUICK };
  config.services.web = { ...config.services.web!, engine: QUICK };
  change(config);
  return config;
}

/**
 * The real composition (bin/app.ts buildApp, as `dayops serve` builds it, through
 * test/support/test-app.ts) over a temporary data directory and a ManualClock that the real
 * scheduler and outbox read, started, with recording senders for the shell and Slack channels.
 * `restart()` stops it and builds a new one over the same directory and clock, as a redeploy does:
 * jobs that came due meanwhile fire on start.
 */
export interface Day2 {
  app: TestApp;
  clock: ManualClock;
  shell: FakeSender;
  slack: FakeSender;
  url: string;
  say(person: string, text: string, channel?: string): Promise<Reply>;
  press(person: string, action: string, value: string, messageKey?: string): Promise<Reply>;
  /** POSTs a webhook payload with the token; throws unless it was accepted. */
  alert(source: 'alertmanager' | 'grafana' | 'generic', body: unknown): Promise<void>;
  /** Waits until running work, fired jobs and the outbox are idle. */
  idle(): Promise<void>;
  /** Moves the clock; the running scheduler fires what comes due, and this waits for it. */
  advance(ms: number): Promise<void>;
  /** Every delivered post and edit of `key`, oldest first, on any platform. */
  versions(key: string): OpsMessage[];
  latest(key: string): OpsMessage | undefined;
  /** Posts delivered into the thread of the message with `key`. */
  threadOf(key: string): PostRequest[];
  restart(): Promise<void>;
}

export interface Day2Options {
  clock?: ManualClock;
  /** More environment for the config (Slack tokens and API URL, say). */
  env?: Record<string, string>;
}

export async function startDay2(change?: (c: Config) => void, options: Day2Options = {}): Promise<Day2> {
  const clock = options.clock ?? new ManualClock(new Date('2026-11-21T22:25:00Z'));
  const dir = await mkdtemp(join(tmpdir(), 'dayops-day2-'));
  const config = day2Config(dir, change, options.env);
  const shell = new FakeSender('shell');
  const slack = new FakeSender('slack');
  // With Slack configured its own sender talks to the (stand-in) API; the recording one is for Slack-less tests.
  const slackConfigured = config.secrets.chat.slack !== undefined;
  // The app as `dayops serve` builds it, over the test's clock (test/support/test-app.ts).
  const boot = async () => {
    const built = await startTestApp({ config, clock, dir, keepChat: true, start: false });
    built.addSender(shell);
    if (!slackConfigured) built.addSender(slack);
    built.url = (await built.start()).url;
    return built;
  };
  let app = await boot();
  onTestFinished(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });
  /** In a Slack channel the person speaks as their Slack identity from the config, if any. */
  const actor = (person: string, channel = 'shell:ops'): Actor => {
    const slackId = channel.startsWith('slack:') ? config.people.find((p) => p.name === person)?.identities.slack?.[0] : undefined;
    return slackId ? { platform: 'slack', userId: slackId, displayName: person } : { platform: 'shell', userId: person, displayName: person };
  };
  const all = () => [...shell.posts, ...slack.posts];
  const edits = (): EditRequest[] => [...shell.edits, ...slack.edits];
  const world: Day2 = {
    get app() {
      return app;
    },
    clock,
    shell,
    slack,
    get url() {
      return app.url;
    },
    say: (person, text, channel = 'shell:ops') => app.router.handleCommand({ actor: actor(person, channel), place: { channel }, text }),
    press: (person, action, value, messageKey) =>
      app.router.handleAction({ actor: actor(person), place: { channel: 'shell:ops' }, action, value, ...(messageKey ? { messageKey } : {}) }),
    async alert(source, body) {
      const res = await fetch(`${app.url}/webhooks/${source}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`the ${source} webhook answered ${res.status}: ${await res.text()}`);
    },
    idle: () => app.settle(),
    advance: (ms) => app.advance(ms),
    versions: (key) => [...all().filter((p) => p.key === key).map((p) => p.message), ...edits().filter((e) => e.key === key).map((e) => e.message)],
    latest: (key) => world.versions(key).at(-1),
    threadOf: (key) =>
      [shell, slack].flatMap((sender) => {
        // FakeSender hands out refs 1, 2, … (and thread-n when asked to open a thread) in posting order.
        const refs = new Set(sender.posts.flatMap((p, i) => (p.key === key ? [String(i + 1), `thread-${i + 1}`] : [])));
        return sender.posts.filter((p) => p.threadRef !== undefined && refs.has(p.threadRef));
      }),
    async restart() {
      await app.close({ keepDir: true });
      app = await boot();
    },
  };
  return world;
}

export function textOf(reply: Reply): string {
  return [reply.message.title, reply.message.text].filter(Boolean).join('\n');
}

export function fieldOf(message: OpsMessage | undefined, label: string): unknown {
  return message?.fields?.find((f) => f.label === label)?.value;
}
