import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installObservability } from '../../adapters/http/metrics-install.js';
import type { Readiness } from '../../adapters/http/readyz.js';
import { HttpServer } from '../../adapters/http/server.js';
import { createMetrics, type Metrics } from '../../bot/metrics.js';
import { observeAudit, recordAudit } from '../../bot/metrics-audit.js';
import { OutboxService } from '../../bot/outbox-service.js';
import { CommandRegistry } from '../../bot/registry.js';
import { Router } from '../../bot/router.js';
import { SchedulerService } from '../../bot/scheduler-service.js';
import { installUndeliverableNotices } from '../../bot/undeliverable.js';
import type { Actor } from '../../bot/model.js';
import { ACTIONS, COMMANDS } from '../../commands/index.js';
import type { AuditEvent } from '../../data/store.js';
import { FakeSender } from '../support/fake-sender.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

const alice: Actor = { platform: 'shell', userId: 'alice', displayName: 'alice', person: 'alice' };
const place = { channel: 'shell:ops' };

let ops: TestOps;
let metrics: Metrics;
let http: HttpServer;
let url: string;
let readiness: Readiness;
let router: Router;

beforeEach(async () => {
  metrics = createMetrics({ processMetrics: false });
  ops = await createTestOps();
  const registry = new CommandRegistry(COMMANDS, ACTIONS);
  router = new Router(ops, registry);
  http = new HttpServer({ host: '127.0.0.1', port: 0, onError: () => undefined });
  readiness = installObservability({ ops, router, http }, registry, metrics);
  url = (await http.start()).url;
});

afterEach(async () => {
  await http.stop();
  await ops.close().catch(() => undefined);
});

const scrape = async () => {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

/** The value of one sample line, `name{labels} value`. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const event = (action: string, target: string, summary = 'x'): AuditEvent => ({
  time: '2026-01-05T09:00:00.000Z',
  actor: { platform: 'http', userId: 'alertmanager' },
  platform: 'http',
  action,
  target,
  outcome: 'ok',
  summary,
});

describe('GET /metrics', () => {
  it('counts commands by name and outcome and times them', async () => {
    await router.handleCommand({ actor: alice, place, text: 'whoami' });
    await router.handleCommand({ actor: alice, place, text: 'whoami' });
    await router.handleCommand({ actor: alice, place, text: 'frobnicate now' });
    await router.handleCommand({ actor: { platform: 'shell', userId: 'mallory', displayName: 'mallory' }, place, text: 'audit' });
    const text = await scrape();
    expect(sample(text, 'dayops_commands_total{kind="command",command="whoami",outcome="ok"}')).toBe(2);
    expect(sample(text, 'dayops_commands_total{kind="command",command="unknown",outcome="user_error"}')).toBe(1);
    expect(sample(text, 'dayops_commands_total{kind="command",command="audit",outcome="user_error"}')).toBe(1);
    expect(sample(text, 'dayops_command_duration_seconds_count{kind="command",command="whoami"}')).toBe(2);
  });

  it('reports the outbox depth at scrape time', async () => {
    await ops.store.transact((tx) => ops.outbox.post(tx, { channel: 'nowhere:ops', key: 'k1', message: { text: 'a' } }));
    await ops.store.transact((tx) => ops.outbox.post(tx, { channel: 'nowhere:ops', key: 'k2', message: { text: 'b' } }));
    expect(sample(await scrape(), 'dayops_outbox_depth')).toBe(2);
  });

  it('counts deliveries, chat API errors and rate-limit waits', async () => {
    const outbox = new OutboxService({ store: ops.store, clock: ops.clock, metrics, random: () => 0.5 });
    const sender = new FakeSender('shell').failNext({ kind: 'rateLimited', retryAfterMs: 1500 }).failNext({ kind: 'permanent' });
    outbox.registerSender(sender);
    await ops.store.transact((tx) => outbox.post(tx, { channel: 'shell:a', key: 'limited', message: { text: 'a' } }));
    await ops.store.transact((tx) => outbox.post(tx, { channel: 'shell:b', key: 'refused', message: { text: 'b' } }));
    outbox.start();
    await outbox.settled();
    // The Retry-After wait is on the clock the outbox reads: moving it past 1.5 s sends again.
    ops.clock.advance(2000);
    await ops.store.transact((tx) => outbox.post(tx, { channel: 'shell:c', key: 'fine', message: { text: 'c' } }));
    await vi.waitFor(() => expect(sender.postedKeys()).toContain('limited'));
    await outbox.settled();
    await outbox.stop();
    const text = await scrape();
    expect(sample(text, 'dayops_chat_rate_limit_waits_total{platform="shell"}')).toBe(1);
    expect(sample(text, 'dayops_chat_rate_limit_wait_seconds_total{platform="shell"}')).toBe(1.5);
    expect(sample(text, 'dayops_chat_api_errors_total{platform="shell",kind="retried"}')).toBe(1);
    expect(sample(text, 'dayops_chat_api_errors_total{platform="shell",kind="permanent"}')).toBe(1);
    expect(sample(text, 'dayops_outbox_delivery_seconds_count{platform="shell",op="post"}')).toBe(2);
  });

  it('counts fired jobs, and reminders fired and late', async () => {
    const scheduler = new SchedulerService({ store: ops.store, clock: ops.clock, metrics });
    scheduler.on('reminder.fire', async () => undefined);
    scheduler.on('other', async () => undefined);
    await ops.store.transact(async (tx) => {
      await scheduler.schedule(tx, { type: 'reminder.fire', at: new Date(ops.clock.now().getTime() - 10 * 60_000) });
      await scheduler.schedule(tx, { type: 'reminder.fire', at: ops.clock.now() });
      await scheduler.schedule(tx, { type: 'other', at: ops.clock.now() });
    });
    await scheduler.start();
    await scheduler.stop();
    const text = await scrape();
    expect(sample(text, 'dayops_reminders_fired_total')).toBe(2);
    expect(sample(text, 'dayops_reminders_late_total')).toBe(1);
    expect(sample(text, 'dayops_jobs_fired_total{type="other",late="false"}')).toBe(1);
  });

  it('counts alerts and ended deployments from committed audit events only', async () => {
    const store = observeAudit(ops.store, (e) => recordAudit(metrics, e, ops.store));
    await store.transact(async (tx) => {
      tx.audit(event('alerts.receive', 'ALG-1', 'opened ALG-1 (HighLatency) with 2 alert(s)'));
      tx.audit(event('alerts.receive', 'ALG-1', 'New alert firing: x'));
      tx.audit(event('deployment.succeeded', 'DEP-1'));
      tx.audit(event('deployment.approve', 'DEP-2'));
    });
    await expect(
      store.transact(async (tx) => {
        tx.audit(event('deployment.failed', 'DEP-3'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const text = await scrape();
    expect(sample(text, 'dayops_alerts_received_total{source="alertmanager"}')).toBe(2);
    expect(sample(text, 'dayops_alert_groups_opened_total')).toBe(1);
    expect(sample(text, 'dayops_deployments_total{outcome="succeeded"}')).toBe(1);
    expect(sample(text, 'dayops_deployments_total{outcome="failed"}')).toBeUndefined();
    expect((await ops.store.queryAudit({})).length).toBe(4);
  });

  it('includes process metrics when asked to', async () => {
    const withProcess = createMetrics();
    expect(await withProcess.registry.metrics()).toMatch(/^dayops_process_cpu_seconds_total /m);
  });
});

describe('GET /readyz', () => {
  it('is ready when the store answers and every chat connection is up', async () => {
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', parts: { store: 'ok' }, undeliverable: 0 });
  });

  it('names the part that is not ready and why', async () => {
    readiness.set('slack', 'connecting');
    let res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', parts: { store: 'ok', slack: 'connecting' }, undeliverable: 0 });
    readiness.set('slack', undefined);
    // As the PostgreSQL store answers when its server is gone.
    ops.store.ping = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', parts: { store: 'connect ECONNREFUSED 127.0.0.1:5432', slack: 'ok' }, undeliverable: 0 });
  });

  it('counts messages refused for good, on /readyz (still ready) and /metrics', async () => {
    const outbox = new OutboxService({ store: ops.store, clock: ops.clock, metrics });
    installUndeliverableNotices({ outbox, config: ops.config, clock: ops.clock });
    outbox.registerSender(new FakeSender('shell').failNext({ kind: 'permanent', message: 'channel_not_found' }));
    await ops.store.transact((tx) => outbox.post(tx, { channel: 'shell:deploys', key: 'refused', message: { text: 'b' } }));
    outbox.start();
    await outbox.whenIdle(5000);
    await outbox.stop();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', parts: { store: 'ok' }, undeliverable: 1 });
    expect(sample(await scrape(), 'dayops_undeliverable_messages_total{platform="shell",reason="refused"}')).toBe(1);
  });

  it('keeps /healthz answering while not ready', async () => {
    await ops.store.close();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
