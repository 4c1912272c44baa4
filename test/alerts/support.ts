import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { parseGeneric } from '../../adapters/alerts/generic.js';
import { parseGrafana } from '../../adapters/alerts/grafana.js';
import { ingestBatch } from '../../bot/alerts/ingest.js';
import type { WebhookMode } from '../../adapters/alerts/webhook-auth.js';
import { HttpServer } from '../../adapters/http/server.js';
import { alertsConfigSchema } from '../../bot/alerts/config-schema.js';
import { loadConfig } from '../../bin/config.js';
import type { Config, Secrets } from '../../bot/config/schema.js';
import type { PostRequest } from '../../bot/chat-sender.js';
import { FakeSender } from '../support/fake-sender.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

export const TOKEN = 'test-webhook-token';

export function fixture<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T;
}

export interface ConfigParts {
  alerts?: Record<string, unknown>;
  secrets?: Partial<Secrets>;
  services?: Config['services'];
}

/** The demo config with an alerts section and secrets of the test's choosing. */
export function testConfig(parts: ConfigParts = {}): Config {
  const base = loadConfig({});
  return {
    ...base,
    alerts: alertsConfigSchema.parse(parts.alerts ?? {}),
    services: parts.services ?? base.services,
    secrets: { ...base.secrets, webhookToken: TOKEN, ...parts.secrets },
  };
}

export interface AlertsHarness {
  ops: TestOps;
  sender: FakeSender;
  url: string;
  http: HttpServer;
  /** POSTs JSON to a webhook with the test token unless other headers are given. */
  send(source: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Waits for the outbox to deliver everything. */
  idle(): Promise<void>;
  /** Every delivered post of `key` plus its edits, newest last. */
  versions(key: string): PostRequest['message'][];
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.splice(0).reverse()) await h.close();
});

/** The app as `dayops serve` builds it, with its own webhook routes on its own HTTP server. */
export async function startAlerts(parts: ConfigParts = {}, mode: WebhookMode = 'service', port?: number): Promise<AlertsHarness> {
  const ops = await createTestOps({ config: testConfig(parts), mode, ...(port === undefined ? {} : { port }) });
  const sender = new FakeSender('shell');
  ops.outbox.registerSender(sender);
  const { url, http } = ops.app;
  open.push({ close: () => ops.close() });
  return {
    ops,
    sender,
    url,
    http,
    send: (source, body, headers) =>
      fetch(`${url}/webhooks/${source}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(headers ?? { authorization: `Bearer ${TOKEN}` }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    idle: async () => {
      if (!(await ops.outbox.whenIdle(5000))) throw new Error('the outbox did not drain');
    },
    versions: (key) => [
      ...sender.posts.filter((p) => p.key === key).map((p) => p.message),
      ...sender.edits.filter((e) => e.key === key).map((e) => e.message),
    ],
  };
}

export interface OpsHarness {
  ops: TestOps;
  sender: FakeSender;
  /** Parses and stores a delivery as the webhook would, without HTTP. */
  ingest(source: 'alertmanager' | 'grafana' | 'generic', body: unknown): Promise<void>;
  idle(): Promise<void>;
  versions(key: string): PostRequest['message'][];
}

/** Ops with a started outbox and a fake sender, for tests that do not need the HTTP server. */
export async function startOps(parts: ConfigParts = {}): Promise<OpsHarness> {
  const ops = await createTestOps({ config: testConfig(parts) });
  const sender = new FakeSender('shell');
  ops.outbox.registerSender(sender);
  ops.outbox.start();
  open.push({
    close: async () => {
      await ops.outbox.stop();
      await ops.close();
    },
  });
  const parsers = { alertmanager: parseAlertmanager, grafana: parseGrafana, generic: parseGeneric };
  return {
    ops,
    sender,
    async ingest(source, body) {
      const parsed = parsers[source](body, ops.clock.now());
      if (!parsed.ok) throw new Error(parsed.reasons.join('\n'));
      await ops.store.transact((tx) => ingestBatch(ops, tx, parsed.value, ops.clock.now()));
    },
    idle: async () => {
      if (!(await ops.outbox.whenIdle(5000))) throw new Error('the outbox did not drain');
    },
    versions: (key) => [
      ...sender.posts.filter((p) => p.key === key).map((p) => p.message),
      ...sender.edits.filter((e) => e.key === key).map((e) => e.message),
    ],
  };
}
