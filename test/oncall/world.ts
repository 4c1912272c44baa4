import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { parseAlertmanager } from '../../adapters/alerts/alertmanager.js';
import { buildApp, type App } from '../../bin/app.js';
import { ingestBatch } from '../../bot/alerts/ingest.js';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { silentLogger } from '../../bot/log.js';
import type { Actor, OpsMessage, Reply } from '../../bot/model.js';
import type { OutboxRecord } from '../../data/records/core.js';

/** Four people; api has a weekly primary and secondary in Berlin; web is covered on weekdays 09–17 only. */
export function oncallConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timezone: 'Europe/Berlin',
    channels: { ops: 'shell:ops', deploys: 'shell:deploys', alerts: 'shell:alerts', incidents: 'shell:incidents' },
    services: { api: { channel: 'shell:api' }, web: {} },
    environments: { staging: { approvals: 0, requiredCategories: [] }, production: { protected: true, approvals: 0, requiredCategories: [] } },
    people: [
      { name: 'alice', slack: ['U0ALICE'], roles: ['deployer', 'deployer@production'] },
      { name: 'bob', discord: ['80351110224678912'], roles: ['approver'] },
      { name: 'carol', roles: ['approver'] },
      { name: 'maria', roles: ['viewer'] },
    ],
    oncall: {
      schedules: {
        api: {
          timezone: 'Europe/Berlin',
          services: ['api'],
          policy: 'critical',
          layers: [
            { level: 'primary', people: ['alice', 'bob', 'carol'], shift: 'weekly', start: '2026-03-02', handoff: '09:00' },
            { level: 'secondary', people: ['bob', 'carol', 'alice'], shift: 'weekly', start: '2026-03-02', handoff: '09:00' },
          ],
        },
        web: {
          services: ['web'],
          layers: [{ people: ['maria', 'carol'], shift: 'daily', start: '2026-03-02', handoff: '09:00', restrictions: [{ days: ['weekdays'], from: '09:00', to: '17:00' }] }],
        },
      },
      policies: {
        critical: {
          steps: [
            { notify: 'primary', wait: '5m' },
            { notify: 'secondary', wait: '10m' },
            { notify: 'channel', wait: '10m', mention: ['alice', 'bob'] },
          ],
          repeat: 1,
        },
      },
    },
    ...extra,
  };
}

export interface OncallWorld {
  app: App;
  /** The HTTP server's address, when started. */
  url: string;
  config: Config;
  clock: ManualClock;
  dir: string;
  say(person: string, text: string, channel?: string): Promise<Reply>;
  press(person: string, action: string, value: string): Promise<Reply>;
  /** Queued posts and edits, oldest first (the outbox is not started; nothing leaves). */
  outbox(): Promise<OutboxRecord[]>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  clock?: ManualClock;
  /** Reuse a data directory: a restart. */
  dir?: string;
  config?: Record<string, unknown>;
  /** Start the scheduler (and with it the jobs); the outbox is never started. */
  schedule?: boolean;
  /** Start the HTTP server; its address is `url`. */
  http?: boolean;
  /** Start the outbox: messages go to the senders registered (chat ones are not; they stay queued). */
  deliver?: boolean;
  env?: Record<string, string>;
}

/** The real composition (bin/app.ts buildApp) over a config file, a data directory and a manual clock. */
export async function startWorld(options: WorldOptions = {}): Promise<OncallWorld> {
  const clock = options.clock ?? new ManualClock(new Date('2026-03-04T10:00:00Z'));
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'dayops-oncall-')));
  const configPath = join(dir, 'dayops.config.json');
  await writeFile(configPath, JSON.stringify(options.config ?? oncallConfig()));
  const config = loadConfig({ DAYOPS_CONFIG: configPath, DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0', DAYOPS_WEBHOOK_TOKEN: 'test-token', ...options.env });
  const app = await buildApp({ config, log: silentLogger, clock, mode: 'service' });
  if (options.schedule) await app.ops.scheduler.start();
  const url = options.http ? (await app.http.start()).url : '';
  if (options.deliver) app.ops.outbox.start();
  // Install-time work (each schedule's next handoff) is queued on the store: let it commit first.
  await app.ops.store.transact(async () => {});
  const actor = (person: string): Actor => ({ platform: 'shell', userId: person, displayName: person });
  return {
    app,
    clock,
    dir,
    url,
    config,
    say: (person, text, channel = 'shell:ops') => app.router.handleCommand({ actor: actor(person), place: { channel }, text }),
    press: (person, action, value) => app.router.handleAction({ actor: actor(person), place: { channel: 'shell:ops' }, action, value }),
    outbox: async () => (await app.ops.store.inspect((tx) => tx.scan('outbox'))).sort((a, b) => a.seq - b.seq),
    stop: () => app.stop(1000),
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Moves the manual clock and the fake timers together, stopping at every job's due time on the
 * way, so each job fires when it is due as on a running server.
 */
export async function advance(world: OncallWorld, ms: number): Promise<void> {
  const { clock } = world;
  const target = clock.now().getTime() + ms;
  for (;;) {
    const jobs = await world.app.ops.store.inspect((tx) => tx.scan('job'));
    const next = Math.min(...jobs.map((j) => Date.parse(j.dueAt)).filter((t) => t > clock.now().getTime()));
    const to = Math.min(target, next);
    const by = to - clock.now().getTime();
    clock.set(new Date(to));
    await vi.advanceTimersByTimeAsync(Math.max(by, 0));
    await world.app.ops.scheduler.whenIdle();
    if (to >= target) return;
  }
}

export function textOf(reply: Reply): string {
  return [reply.message.title, reply.message.text].filter(Boolean).join('\n');
}

export function messageText(m: OutboxRecord): string {
  const message = m.message as OpsMessage;
  return [message.title, message.text].filter(Boolean).join('\n');
}

/** An Alertmanager delivery (the captured fixture) for one service, stored as the webhook would. */
export async function fireAlert(world: OncallWorld, service: string, severity = 'critical', labels: Record<string, string> = {}): Promise<string> {
  const body = JSON.parse(readFileSync(new URL('../fixtures/alertmanager/firing-group.json', import.meta.url), 'utf8')) as {
    alerts: { labels: Record<string, string> }[];
    groupLabels: Record<string, string>;
    commonLabels: Record<string, string>;
    groupKey: string;
  };
  for (const a of body.alerts) Object.assign(a.labels, { service, severity, ...labels });
  Object.assign(body.groupLabels, { service });
  Object.assign(body.commonLabels, { service, severity, ...labels });
  body.groupKey = `{}:{alertname="HighErrorRate", service="${service}"}`;
  const parsed = parseAlertmanager(body);
  if (!parsed.ok) throw new Error(parsed.reasons.join('\n'));
  const ops = world.app.ops;
  const [outcome] = await ops.store.transact((tx) => ingestBatch(ops, tx, parsed.value, ops.clock.now()));
  await ops.scheduler.whenIdle();
  return outcome!.group!;
}

/** The lines written into a group's thread so far, oldest first. */
export async function threadLines(world: OncallWorld, group: string): Promise<string[]> {
  return (await world.outbox()).filter((m) => m.thread === `alert-group:${group}`).map(messageText);
}
