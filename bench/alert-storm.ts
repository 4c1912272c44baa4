// Alert storm: 10,000 alerts in 200 groups, posted as Alertmanager webhook payloads of 50 alerts
// through the real HTTP server, with a chat command timed while the storm runs and after it.
import { installAlertWebhooks } from '../adapters/alerts/install.js';
import { corePorts } from '../bin/ports.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerApi, type PostableAlert } from '../adapters/alerts/alertmanager-api.js';
import type { AlertmanagerPayload } from '../adapters/alerts/alertmanager.js';
import { HttpServer } from '../adapters/http/server.js';
import { installAlerts } from '../bot/alerts/install.js';
import type { ChatSender, EditRequest, PostRequest, PostResult } from '../bot/chat-sender.js';
import { systemClock } from '../bot/clock.js';
import { loadConfig } from '../bin/config.js';
import { silentLogger } from '../bot/log.js';
import { createOps } from '../bot/phase-service.js';
import { CommandRegistry } from '../bot/registry.js';
import { Router } from '../bot/router.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { openLowdbStore } from '../data/lowdb-store.js';
import { openPgStore } from '../data/pg-store.js';
import type { Store } from '../data/store.js';
import { alertmanagerInstalled, INSTALL_HINT, startAlertmanager } from '../test/alerts/alertmanager-process.js';
import { ms, percentile, verdict } from './stats.js';

const GROUPS = 200;
const PER_GROUP = 50;
const CONCURRENCY = 16;
const TOKEN = 'bench-token';

class CountingSender implements ChatSender {
  readonly platform = 'shell';
  posts = 0;
  edits = 0;
  async post(_request: PostRequest): Promise<PostResult> {
    this.posts += 1;
    return { ref: String(this.posts) };
  }
  async edit(_request: EditRequest): Promise<void> {
    this.edits += 1;
  }
}

function alertsOf(group: number): PostableAlert[] {
  return Array.from({ length: PER_GROUP }, (_, i) => ({
    labels: { alertname: `Bench${group}`, service: `svc${group % 20}`, env: 'prod', severity: group % 4 === 0 ? 'critical' : 'warning', instance: `host-${i}:9100` },
    annotations: { summary: `bench alert ${group}/${i}` },
    startsAt: '2026-01-05T09:00:00Z',
  }));
}

function webhookPayload(group: number): AlertmanagerPayload {
  const alerts = alertsOf(group).map((a, i) => ({
    status: 'firing' as const,
    labels: a.labels,
    annotations: a.annotations ?? {},
    startsAt: a.startsAt!,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.bench/graph',
    fingerprint: `${group.toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`,
  }));
  return {
    version: '4', receiver: 'dayops', status: 'firing', alerts,
    groupLabels: { alertname: `Bench${group}` }, commonLabels: { alertname: `Bench${group}` }, commonAnnotations: {},
    externalURL: 'http://alertmanager.bench', groupKey: `{}:{alertname="Bench${group}"}`, truncatedAlerts: 0,
  };
}

async function postPayload(url: string, body: string): Promise<boolean> {
  const res = await fetch(`${url}/webhooks/alertmanager`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status === 200;
}

/** Runs `count` jobs with at most CONCURRENCY in flight; resolves the elapsed milliseconds. */
async function pool(count: number, job: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await job(next++);
  }));
  return performance.now() - start;
}

/** `alerts svc3` reads; `ack ALG-1` (already acknowledged) still queues for a transaction behind the storm's writes. */
async function timeCommands(router: Router, text: string, until: () => boolean, min: number): Promise<number[]> {
  const times: number[] = [];
  while (times.length < min || !until()) {
    const t = performance.now();
    await router.handleCommand({ actor: { platform: 'shell', userId: 'alice', displayName: 'Alice' }, place: { channel: 'shell:ops' }, text });
    times.push(performance.now() - t);
    await new Promise((r) => setImmediate(r));
  }
  return times;
}

async function ourIngestion(open: (dir: string) => Promise<Store> = (dir) => openLowdbStore({ dir, log: silentLogger })): Promise<{ lines: string[]; elapsed: number; rate: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-bench-alerts-'));
  const base = loadConfig({ DAYOPS_DATA_DIR: dir, DAYOPS_WEBHOOK_TOKEN: TOKEN });
  const config = { ...base, alerts: { ...base.alerts, stormThreshold: 10 } };
  const store = await open(dir);
  const ops = createOps({ config, store, clock: systemClock, log: silentLogger, ...corePorts(config) });
  const sender = new CountingSender();
  ops.outbox.registerSender(sender);
  ops.outbox.start();
  const http = new HttpServer({ port: 0, onError: (err) => console.error(err) });
  installAlerts({ ops });
  installAlertWebhooks({ ops, http }, { mode: 'service' });
  const router = new Router(ops, new CommandRegistry(COMMANDS, ACTIONS));
  const { url } = await http.start();
  const bodies = Array.from({ length: GROUPS }, (_, g) => JSON.stringify(webhookPayload(g)));
  let failures = 0;
  let done = false;
  await postPayload(url, JSON.stringify(webhookPayload(GROUPS)));
  await router.handleCommand({ actor: { platform: 'shell', userId: 'bob', displayName: 'Bob' }, place: { channel: 'shell:ops' }, text: 'ack ALG-1' });
  const during = timeCommands(router, 'alerts svc3', () => done, 20);
  const duringWrite = timeCommands(router, 'ack ALG-1', () => done, 20);
  const elapsed = await pool(GROUPS, async (g) => {
    if (!(await postPayload(url, bodies[g]!))) failures += 1;
  });
  done = true;
  const stormTimes = await during;
  const stormWriteTimes = await duringWrite;
  await ops.outbox.whenIdle(60_000);
  const idleTimes = await timeCommands(router, 'alerts svc3', () => true, 200);
  const idleWriteTimes = await timeCommands(router, 'ack ALG-1', () => true, 200);
  const stored = await store.read(async (tx) => (await tx.query('alertGroup.open', {})).reduce((n, g) => n + Object.keys(g.alerts).length, 0)) - PER_GROUP;
  await http.stop();
  await ops.outbox.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  const rate = (GROUPS * PER_GROUP) / (elapsed / 1000);
  const idleP99 = percentile(idleTimes, 99);
  const stormP99 = percentile(stormTimes, 99);
  return {
    elapsed,
    rate,
    lines: [
      `- ingestion: ${GROUPS * PER_GROUP} alerts in ${GROUPS} payloads (${CONCURRENCY} in flight) in ${ms(elapsed)}: ${rate.toFixed(0)} alerts/s, ${stored} persisted, ${failures} refused (target ≥ 5000/s: ${verdict(rate >= 5000 && failures === 0 && stored === GROUPS * PER_GROUP)})`,
      `- chat calls: ${sender.posts} posts, ${sender.edits} edits for ${GROUPS + 1} groups, one digest and one ack line (target ≤ one new message per group or the digest: ${verdict(sender.posts <= GROUPS + 1 + 1 + 1)})`,
      `- \`alerts svc3\` (a read) p99: ${ms(stormP99)} during the storm (${stormTimes.length} runs) vs ${ms(idleP99)} idle (target ≤ 2×: ${verdict(stormP99 <= 2 * idleP99)})`,
      `- \`ack ALG-1\` (queues for a transaction) p99: ${ms(percentile(stormWriteTimes, 99))} during the storm (${stormWriteTimes.length} runs) vs ${ms(percentile(idleWriteTimes, 99))} idle (target ≤ 2×: ${verdict(percentile(stormWriteTimes, 99) <= 2 * percentile(idleWriteTimes, 99))})`,
    ],
  };
}

async function alertmanagerIngestion(): Promise<number | undefined> {
  if (!alertmanagerInstalled()) return undefined;
  const am = await startAlertmanager([]);
  try {
    const api = new AlertmanagerApi(am.url);
    const batches = Array.from({ length: GROUPS }, (_, g) => alertsOf(g));
    return await pool(GROUPS, (g) => api.postAlerts(batches[g]!));
  } finally {
    await am.stop();
  }
}

/** The same storm into a PostgreSQL store (target ≥ 5,000 alerts/s). */
export async function pgAlertStorm(url: string): Promise<string[]> {
  const ours = await ourIngestion(() => openPgStore({ url, log: silentLogger }));
  return ['### The same storm on PostgreSQL', '', ...ours.lines];
}

export async function runAlertStormBench(): Promise<string[]> {
  const ours = await ourIngestion();
  const theirs = await alertmanagerIngestion();
  const ratio =
    theirs === undefined
      ? `- Alertmanager comparison skipped: /usr/bin/prometheus-alertmanager is missing (${INSTALL_HINT})`
      : `- the same alerts into the real Alertmanager /api/v2/alerts: ${ms(theirs)}; ratio ours/Alertmanager ${(ours.elapsed / theirs).toFixed(2)} (goal ≤ 1.0, not a gate: Alertmanager keeps alerts in memory, dayops persists each)`;
  return ['## Alert storm', '', ...ours.lines, ratio];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runAlertStormBench()) console.log(line);
}
