import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { parseGeneric } from '../../adapters/alerts/generic.js';
import { parseGrafana } from '../../adapters/alerts/grafana.js';
import { parseLine } from '../../bot/command-line/parse-line.js';
import { tokenize } from '../../bot/command-line/tokenize.js';
import { ConfigError, loadConfig } from '../../bin/config.js';
import { DEMO_CONFIG } from '../../bot/config/demo.js';
import { installDeployments } from '../../bot/deployments/install.js';
import { isUserError } from '../../bot/errors.js';
import type { Actor } from '../../bot/model.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import { RECORD_SCHEMAS } from '../../data/records/index.js';
import type { Kind } from '../../data/store.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';
import { demoInstallation } from '../security/installations.js';
import { FAKE_SECRETS, startSecuredApp, type SecuredApp } from '../security/secured-app.js';
import { commandText, mutated } from './mutate.js';

/** What a run of a property came to, whatever its arguments' types. */
export interface CheckSummary {
  numRuns: number;
  failed: boolean;
  error?: unknown;
  counterexample?: unknown;
}

type Check = (numRuns: number, seed: number) => Promise<CheckSummary>;

function checker<Ts>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>): Check {
  return async (numRuns, seed) => {
    const d = await fc.check(property, { numRuns, seed, endOnFailure: true });
    return { numRuns: d.numRuns, failed: d.failed, error: d.errorInstance, counterexample: d.counterexample };
  };
}

export interface FuzzRun {
  check: Check;
  teardown(): Promise<void>;
  /** How the cases were answered (HTTP status per route), so a run shows it reached the handlers. */
  outcomes?: Map<string, number>;
}

export interface FuzzTarget {
  name: string;
  setup(): Promise<FuzzRun>;
}

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

/** A thrown value is fine only when it is a UserError: the sentence a person sees. */
function onlyUserErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!isUserError(err)) throw err;
    if (err.message.trim() === '') throw new Error('a UserError with no message');
  }
}

const registry = new CommandRegistry(COMMANDS, ACTIONS);
const noop = async () => {};

/** Lines that start like a real command, so the fuzzer gets past "unknown command". */
const commandLine = fc.oneof(
  commandText,
  fc.tuple(fc.constantFrom(...COMMANDS.map((c) => c.name)), commandText).map(([name, tail]) => `${name} ${tail}`),
  fc.tuple(fc.constantFrom(...COMMANDS.flatMap((c) => c.examples)), commandText).map(([example, tail]) => `${example}${tail}`),
);

async function snapshot(ops: TestOps): Promise<string> {
  const kinds = Object.keys(RECORD_SCHEMAS) as Kind[];
  return ops.store.inspect(async (tx) => JSON.stringify(await Promise.all(kinds.map((k) => tx.scan(k, { state: 'all' })))));
}

const tokenizer: FuzzTarget = {
  name: 'tokenizer',
  setup: async () => ({ check: checker(fc.property(commandText, (text) => onlyUserErrors(() => tokenize(text)))), teardown: noop }),
};

const lineParser: FuzzTarget = {
  name: 'command line parser',
  setup: async () => ({ check: checker(fc.property(commandLine, (text) => onlyUserErrors(() => parseLine(text, registry)))), teardown: noop }),
};

/** The router answers everything with a reply, and a failed reply leaves every record as it was. */
const router: FuzzTarget = {
  name: 'router',
  setup: async () => {
    const ops = await createTestOps({ config: await demoInstallation() });
    installDeployments({ ops });
    const r = new Router(ops, registry);
    const actors: Actor[] = [
      { platform: 'shell', userId: 'bob', displayName: 'Bob' },
      { platform: 'slack', userId: 'U0NOBODY', displayName: 'nobody' },
    ];
    const property = fc.asyncProperty(commandLine, fc.constantFrom(...actors), fc.boolean(), async (text, actor, pressed) => {
      // Deployments an earlier case started finish in the background; let them, before comparing.
      await ops.deployRunner.whenIdle();
      const before = await snapshot(ops);
      const answer = pressed
        ? await r.handleAction({ actor, place: { channel: 'shell:ops' }, action: text.split(' ')[0] ?? '', value: text })
        : await r.handleCommand({ actor, place: { channel: 'shell:ops' }, text });
      if (typeof answer.message.text !== 'string' || answer.message.text.trim() === '') {
        if (!answer.message.title && !answer.message.fields?.length) throw new Error('an empty reply');
      }
      if (answer.failed && /went wrong on our side/.test(answer.message.text ?? '')) throw new Error(`a bug answered "${text}": ${answer.message.text}`);
      await ops.deployRunner.whenIdle();
      if (answer.failed && (await snapshot(ops)) !== before) throw new Error(`"${text}" failed but changed records`);
    });
    return {
      check: checker(property),
      teardown: async () => {
        await ops.deployRunner.whenIdle();
        await ops.close();
      },
    };
  },
};

/** Alert parsers answer a result or reasons, never throw, whatever the payload. */
const alertParsers: FuzzTarget = {
  name: 'alert webhook parsers',
  setup: async () => {
    const sources = [
      ...['firing-group', 'resolved-group', 'partially-resolved', 'captured-firing', 'captured-resolved'].map((f) => ({ parse: parseAlertmanager, doc: fixture(`alertmanager/${f}.json`) })),
      ...['firing', 'resolved'].map((f) => ({ parse: parseGrafana, doc: fixture(`grafana/${f}.json`) })),
      { parse: (body: unknown) => parseGeneric(body, new Date('2026-01-05T09:00:00Z')), doc: { title: 'Disk full', severity: 'critical', labels: { service: 'api' } } },
    ];
    const input = fc.constantFrom(...sources).chain((s) => fc.tuple(fc.constant(s.parse), fc.oneof(mutated(s.doc), fc.jsonValue())));
    const property = fc.property(input, ([parse, body]) => {
      const result = parse(body);
      if (!result.ok && (result.reasons.length === 0 || result.reasons.some((r) => typeof r !== 'string' || r === ''))) throw new Error('refused without a reason');
    });
    return { check: checker(property), teardown: noop };
  },
};

/** The config loader accepts a file or throws a ConfigError naming the problem; nothing else. */
const configLoader: FuzzTarget = {
  name: 'config loader',
  setup: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dayops-fuzz-config-'));
    let n = 0;
    const doc = fc.oneof(mutated(DEMO_CONFIG), fc.jsonValue(), fc.object());
    const env = fc.dictionary(
      fc.constantFrom('DAYOPS_PORT', 'DAYOPS_HOST', 'DAYOPS_TIMEZONE', 'DAYOPS_DATA_DIR', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_PUBLIC_KEY', 'DAYOPS_LOG_LEVEL', 'GITHUB_TOKEN_FILE'),
      fc.string(),
    );
    const property = fc.asyncProperty(doc, env, fc.constantFrom('yaml', 'json', 'raw'), fc.string(), async (content, vars, format, raw) => {
      const file = join(dir, `c${n++}.${format === 'json' ? 'json' : 'yaml'}`);
      await writeFile(file, format === 'json' ? JSON.stringify(content) : format === 'yaml' ? stringify(content) : raw);
      try {
        loadConfig(vars, file);
      } catch (err) {
        if (!(err instanceof ConfigError) || err.message.trim() === '') throw err;
      }
    });
    return { check: checker(property), teardown: () => rm(dir, { recursive: true, force: true }) };
  },
};

/** A protection-rule delivery made now (an old one is refused as stale before anything else is read). */
function githubDelivery(): unknown {
  const d = fixture('github/deployment-protection-rule-requested.json') as { deployment: Record<string, unknown> };
  const at = new Date().toISOString();
  return { ...d, deployment: { ...d.deployment, created_at: at, updated_at: at } };
}

interface HttpCase {
  send(app: SecuredApp): Promise<Response>;
  label: string;
}

function slackForm(doc: unknown, chatUrl: string): string {
  const fields = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : { text: doc };
  // Bolt answers through response_url: it must stay on the local fake, never reach the network.
  return new URLSearchParams(Object.entries({ ...fields, response_url: `${chatUrl}respond` }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
}

function slackPayload(doc: unknown, chatUrl: string): string {
  const withUrl = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? { ...(doc as object), response_url: `${chatUrl}respond` } : doc;
  return new URLSearchParams({ payload: JSON.stringify(withUrl) }).toString();
}

function httpCases(chatUrl: string): fc.Arbitrary<HttpCase> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const json = (doc: unknown) => (doc === undefined ? '' : JSON.stringify(doc));
  return fc.oneof(
    mutated(fixture('slack/slash-command.json')).map((d) => ({ label: 'slack slash command', send: (a: SecuredApp) => a.slack(slackForm(d, chatUrl)) })),
    fc.record({ text: commandLine }).map((d) => ({ label: 'slack /ops text', send: (a: SecuredApp) => a.slack(slackForm({ ...(fixture('slack/slash-command.json') as object), ...d }, chatUrl)) })),
    mutated(fixture('slack/block-actions.json')).map((d) => ({ label: 'slack button', send: (a: SecuredApp) => a.slack(slackPayload(d, chatUrl)) })),
    fc.oneof(mutated(fixture('slack/event-app-mention.json')), mutated(fixture('slack/event-message-thread-reply.json')), mutated(fixture('slack/url-verification.json'))).map((d) => ({
      label: `slack event ${json(d).slice(0, 300)}`,
      send: (a: SecuredApp) => a.slack(json(d), 'application/json'),
    })),
    fc.oneof(mutated(fixture('discord/interaction-ping.json')), mutated(fixture('discord/interaction-button.json')), mutated(fixture('discord/interaction-slash-command.json'))).map((d) => ({
      label: `discord interaction ${json(d).slice(0, 300)}`,
      send: (a: SecuredApp) => a.discord(json(d)),
    })),
    fc.tuple(fc.constantFrom('alertmanager', 'generic'), mutated(fixture('alertmanager/firing-group.json'))).map(([source, d]) => ({
      label: `${source} webhook`,
      send: (a: SecuredApp) => a.post(`/webhooks/${source}`, json(d), bearer(FAKE_SECRETS.DAYOPS_WEBHOOK_TOKEN)),
    })),
    mutated({ service: 'api', version: '1.0.0', env: 'staging', requester: 'ci' }).map((d) => ({
      label: 'pipeline API',
      send: (a: SecuredApp) => a.post('/api/deployments', json(d), bearer(FAKE_SECRETS.DAYOPS_API_TOKEN_CI)),
    })),
    fc.tuple(fc.constantFrom('deployment_protection_rule', 'deployment_status', 'workflow_run'), mutated(githubDelivery())).map(([event, d]) => ({
      label: `github ${event} ${json(d).slice(0, 300)}`,
      send: (a: SecuredApp) => {
        const body = json(d);
        const signature = `sha256=${createHmac('sha256', FAKE_SECRETS.GITHUB_WEBHOOK_SECRET).update(body).digest('hex')}`;
        return a.post('/webhooks/github', body, { 'x-github-event': event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature });
      },
    })),
    fc.tuple(fc.constantFrom('/slack/events', '/discord/interactions', '/webhooks/alertmanager', '/webhooks/grafana', '/webhooks/github', '/api/deployments', '/api/deployments/external', '/nowhere'), fc.string({ unit: 'binary' }), fc.dictionary(fc.constantFrom('authorization', 'content-type', 'x-slack-signature', 'x-slack-request-timestamp', 'x-signature-ed25519', 'x-signature-timestamp', 'x-hub-signature-256', 'x-github-event', 'x-github-delivery', 'idempotency-key'), fc.string({ unit: 'binary-ascii' }).map((s) => s.replace(/[^\x20-\x7e]/g, '')))).map(([path, body, headers]) => ({
      label: `unsigned ${path} ${JSON.stringify(headers)} ${JSON.stringify(body.slice(0, 200))}`,
      send: (a: SecuredApp) => a.post(path, body, headers),
    })),
  );
}

/**
 * Every HTTP route of the real composition root, with valid credentials and mutated real
 * payloads or with garbage: never a 5xx, and a 4xx leaves the data file as it was.
 */
const httpBoundary: FuzzTarget = {
  name: 'HTTP routes (Slack, Discord, webhooks, pipeline API)',
  setup: async () => {
    const app = await startSecuredApp();
    const outcomes = new Map<string, number>();
    const property = fc.asyncProperty(httpCases(app.chatUrl), async (c) => {
      await app.app.ops.activity.whenIdle(5000);
      const before = await app.state();
      const res = await c.send(app);
      const body = await res.text();
      const seen = `${c.label.split(' ').slice(0, 2).join(' ')} → ${res.status}`;
      outcomes.set(seen, (outcomes.get(seen) ?? 0) + 1);
      if (res.status >= 500) {
        const logged = app.logs.filter((line) => /"level":50/.test(line)).pop() ?? '';
        throw new Error(`${c.label.slice(0, 200)}: HTTP ${res.status} ${body.slice(0, 300)}; logged ${logged.slice(0, 1500)}`);
      }
      await app.app.ops.activity.whenIdle(5000);
      if (res.status >= 400 && (await app.state()) !== before) throw new Error(`${c.label}: refused with ${res.status} but the data file changed`);
      const bug = app.logs.find((line) => /"level":50/.test(line) && !/response_url|respond/.test(line));
      if (bug) throw new Error(`${c.label}: logged an error: ${bug.slice(0, 600)}`);
    });
    return { check: checker(property), teardown: () => app.close(), outcomes };
  },
};

export const FUZZ_TARGETS: FuzzTarget[] = [tokenizer, lineParser, router, alertParsers, configLoader, httpBoundary];
