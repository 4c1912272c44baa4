import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { loadConfig } from '../../bin/config.js';
import { systemClock, type Clock, type ClockTimer } from '../../bot/clock.js';
import type { Actor } from '../../bot/model.js';
import { buildApp, type App } from '../../bin/app.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import { FakeSender } from '../support/fake-sender.js';

export const API = 'https://api.github.com';
export const REPO = 'Codertocat/Hello-World';
export const RUN_ID = 1589141559;
export const WEBHOOK_SECRET = 'FAKE-github-webhook-secret-1234';
export const ALERT_TOKEN = 'FAKE-alert-webhook-token-5678';
const CALLBACK = `${API}/repos/:owner/:repo/actions/runs/:run/deployment_protection_rule`;
const CANCEL = `${API}/repos/${REPO}/actions/runs/${RUN_ID}/cancel`;
const RUN = `${API}/repos/${REPO}/actions/runs/${RUN_ID}`;

export const mswServer = setupServer();

/** Who acts in chat: alice deploys (and is Codertocat on GitHub), bob approves in Slack, carol in Discord. */
export const BOB: Actor = { platform: 'slack', userId: 'U0BOB', displayName: 'Bob' };
export const CAROL: Actor = { platform: 'discord', userId: '1001', displayName: 'Carol' };

const CONFIG = {
  channels: { ops: 'slack:C0OPS', deploys: 'slack:C0DEPLOYS', alerts: 'slack:C0ALERTS', incidents: 'slack:C0INC' },
  services: { api: { engine: { type: 'script', command: 'true' } } },
  environments: {
    staging: { approvals: 0, requiredCategories: [] },
    production: { protected: true, approvals: 2, requiredCategories: [], approvalChannel: 'discord:2002' },
  },
  people: [
    { name: 'alice', github: ['codertocat'], slack: ['U0ALICE'], roles: ['deployer', 'deployer@production'] },
    { name: 'bob', slack: ['U0BOB'], roles: ['approver@production', 'admin'] },
    { name: 'carol', discord: ['1001'], roles: ['approver@production'] },
  ],
  github: { repositories: { [REPO]: { service: 'api', environments: { 'github-pages': 'staging' } } } },
};

/** A clock on real time that a test can move forward (the outbox and scheduler wait on real timers). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  after(ms: number, fn: () => void): ClockTimer {
    return systemClock.after(ms, fn);
  }
}

/** The GitHub API as msw serves it: installation tokens, the protection rule callback, cancel, run reads. */
export class FakeGitHub {
  readonly callbacks: { body: Record<string, unknown>; auth: string | null }[] = [];
  readonly cancels: string[] = [];
  readonly tokens: number[] = [];
  readonly created: Record<string, unknown>[] = [];
  readonly statuses: { id: string; body: Record<string, unknown> }[] = [];
  /** What creating a deployment answers (201 creates one). */
  createStatus = 201;
  /** What the callback answers next: a status, and for how many calls (Infinity: until changed). */
  callbackStatus = 204;
  run: Record<string, unknown> = { id: RUN_ID, status: 'in_progress', conclusion: null, html_url: `https://github.com/${REPO}/actions/runs/${RUN_ID}` };

  install(): void {
    mswServer.use(
      // dayops's own HTTP server, which the test calls as GitHub would.
      http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
      http.post(`${API}/app/installations/:id/access_tokens`, ({ params, request }) => {
        this.tokens.push(Number(params.id));
        if (!request.headers.get('authorization')?.startsWith('bearer ')) return HttpResponse.json({ message: 'A JSON web token could not be decoded' }, { status: 401 });
        return HttpResponse.json({ token: 'ghs_FAKEinstallationtoken', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} }, { status: 201 });
      }),
      http.post(CALLBACK, async ({ request }) => {
        this.callbacks.push({ body: (await request.json()) as Record<string, unknown>, auth: request.headers.get('authorization') });
        if (this.callbackStatus === 204) return new HttpResponse(null, { status: 204 });
        return HttpResponse.json({ message: this.callbackStatus === 422 ? 'No pending deployment requests to approve or reject' : 'Server Error' }, { status: this.callbackStatus });
      }),
      http.post(CANCEL, ({ request }) => {
        this.cancels.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({}, { status: 202 });
      }),
      http.get(RUN, () => HttpResponse.json(this.run)),
      http.get(`${API}/repos/:owner/:repo/installation`, ({ request }) =>
        request.headers.get('authorization')?.startsWith('bearer ') ? HttpResponse.json({ id: 1, app_id: 123456 }) : HttpResponse.json({ message: 'A JSON web token is required' }, { status: 401 }),
      ),
      http.post(`${API}/repos/:owner/:repo/deployments`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        if (this.createStatus !== 201) return HttpResponse.json({ message: 'No ref found for: 9.9.9' }, { status: this.createStatus });
        this.created.push(body);
        return HttpResponse.json({ id: 9001, sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', ref: body.ref, environment: body.environment }, { status: 201 });
      }),
      http.post(`${API}/repos/:owner/:repo/deployments/:id/statuses`, async ({ params, request }) => {
        this.statuses.push({ id: String(params.id), body: (await request.json()) as Record<string, unknown> });
        return HttpResponse.json({ id: this.statuses.length, state: 'queued' }, { status: 201 });
      }),
    );
  }
}

/** GitHub's documented example payloads, as @octokit/webhooks-examples collects them. */
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const examplesOf = (name: string): Record<string, unknown>[] => JSON.parse(JSON.stringify(examples.find((e) => e.name === name)!.examples)) as Record<string, unknown>[];

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name.includes('/') ? name : `github/${name}`}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** deployment_protection_rule, shaped like GitHub's documented payload, made at `at`. */
export function protectionRule(at: Date, over: { environment?: string; repository?: string; sender?: string; deploymentId?: number } = {}): Record<string, unknown> {
  const p = fixture('deployment-protection-rule-requested') as Record<string, Record<string, unknown>>;
  const environment = over.environment ?? 'production';
  p.deployment = { ...p.deployment, created_at: at.toISOString(), updated_at: at.toISOString(), environment, ...(over.deploymentId ? { id: over.deploymentId } : {}) };
  if (over.sender) p.sender = { ...p.sender, login: over.sender };
  if (over.repository) p.repository = { ...p.repository, full_name: over.repository, name: over.repository.split('/')[1] };
  return { ...p, environment };
}

/** deployment_status from @octokit/webhooks-examples (the one with an installation), for our deployment. */
export function deploymentStatus(at: Date, state: string, deploymentId = 145988746): Record<string, unknown> {
  const p = examplesOf('deployment_status')[3] as Record<string, Record<string, unknown>>;
  p.deployment_status = { ...p.deployment_status, state, updated_at: at.toISOString(), log_url: `https://github.com/${REPO}/actions/runs/${RUN_ID}/job/1` };
  p.deployment = { ...p.deployment, id: deploymentId };
  return p;
}

/** workflow_run completed from @octokit/webhooks-examples, moved to our repository and run. */
export function workflowRun(at: Date, conclusion: string): Record<string, unknown> {
  const p = examplesOf('workflow_run')[1] as Record<string, Record<string, unknown>>;
  const repository = examplesOf('deployment_status')[3]!.repository;
  p.workflow_run = { ...p.workflow_run, id: RUN_ID, status: 'completed', conclusion, updated_at: at.toISOString(), html_url: `https://github.com/${REPO}/actions/runs/${RUN_ID}` };
  return { ...p, repository };
}

export function signature(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface GitHubWorld {
  app: App;
  url: string;
  clock: OffsetClock;
  slack: FakeSender;
  discord: FakeSender;
  dataDir: string;
  deliver(event: string, payload: unknown, options?: { delivery?: string; secret?: string; signature?: string }): Promise<{ status: number; body: Record<string, unknown> }>;
  deployment(id: string): Promise<DeploymentRecord | undefined>;
  press(actor: Actor, action: string, id: string): Promise<string>;
  say(actor: Actor, text: string): Promise<string>;
  /** Stops this app; `restart` builds the next one on the same data directory. */
  stop(): Promise<void>;
  restart(): Promise<GitHubWorld>;
  close(): Promise<void>;
}

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let deliveries = 0;

/** The real composition root (buildApp), as `dayops serve` builds it, with the GitHub App's secrets set. */
export async function startGitHubWorld(options: { dir?: string; clock?: OffsetClock; config?: (c: typeof CONFIG) => void } = {}): Promise<GitHubWorld> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'dayops-github-')));
  const config = structuredClone(CONFIG);
  options.config?.(config);
  const configPath = join(dir, 'dayops.config.json');
  await writeFile(configPath, JSON.stringify(config));
  const dataDir = join(dir, 'data');
  const env = {
    DAYOPS_CONFIG: configPath,
    DAYOPS_DATA_DIR: dataDir,
    DAYOPS_PORT: '0',
    DAYOPS_PUBLIC_URL: 'https://dayops.example.com',
    GITHUB_APP_ID: '123456',
    GITHUB_APP_PRIVATE_KEY: privateKey,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DAYOPS_WEBHOOK_TOKEN: ALERT_TOKEN,
  };
  const clock = options.clock ?? new OffsetClock();
  const app = await buildApp({ config: loadConfig(env), log: pino({ level: 'silent' }), clock, mode: 'service' });
  const slack = new FakeSender('slack');
  const discord = new FakeSender('discord');
  app.addSender(slack);
  app.addSender(discord);
  const { url } = await app.start();
  let stopped = false;
  let handedOver = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop(2000);
  };
  const world: GitHubWorld = {
    app,
    url,
    clock,
    slack,
    discord,
    dataDir,
    async deliver(event, payload, o = {}) {
      const body = JSON.stringify(payload);
      const res = await fetch(`${url}/webhooks/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': o.delivery ?? `72d3162e-cc78-11e3-81ab-${String(++deliveries).padStart(12, '0')}`,
          'x-hub-signature-256': o.signature ?? signature(body, o.secret),
        },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    deployment: (id) => app.ops.store.read((tx) => tx.get('deployment', id)),
    async press(actor, action, id) {
      const r = await app.router.handleAction({ actor, place: { channel: 'discord:2002' }, action, value: id });
      return r.message.text ?? '';
    },
    async say(actor, text) {
      const r = await app.router.handleCommand({ actor, place: { channel: 'slack:C0DEPLOYS' }, text });
      return r.message.text ?? '';
    },
    stop,
    restart: async () => {
      await stop();
      handedOver = true;
      return startGitHubWorld({ dir, clock });
    },
    async close() {
      await stop();
      if (!handedOver) await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Polls until `check` holds: the outbox and the runner work on real timers. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
