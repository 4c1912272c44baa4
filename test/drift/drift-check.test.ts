import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { advance, latest, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { findingThread } from './support.js';

const SECRET = 's3cr3t-webhook-token-1234';
/** A stand-in for `terraform plan -detailed-exitcode`: `--arg code=N` picks the exit code (default 2). */
const PLAN = `echo "plan for $DAYOPS_ENV"; echo "~ aws_security_group.api (token ${SECRET})"; echo "\${DAYOPS_ARG_EXTRA:-}"; exit \${DAYOPS_ARG_CODE:-2}`;

function checkConfig(change: (c: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({ DAYOPS_WEBHOOK_TOKEN: SECRET }));
  config.runbooks = {
    'net-check': { description: 'Terraform plan of the network', kind: 'drift-check', engine: { type: 'script', command: PLAN, graceSeconds: 1 }, envs: ['staging'], approvals: 0, apply: 'net-apply' },
    'net-apply': { description: 'Terraform apply of the network', engine: { type: 'script', command: 'echo "Apply complete!"', graceSeconds: 1 }, envs: ['staging'], approvals: 1 },
  };
  config.deploys = { ...config.deploys, logFlushSeconds: 0 };
  change(config);
  return config;
}

let dir: { dir: string; remove(): Promise<void> };
let clock: ManualClock;
let world: World;
beforeEach(async () => {
  dir = await tempDir();
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  world = await startWorld(dir.dir, clock, checkConfig());
});
afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const check = () => world.ops.store.read((tx) => tx.get('driftCheck', 'runbook|net-check|staging'));
const group = (id: string) => world.ops.store.read((tx) => tx.get('alertGroup', id));
const run = (id: string) => world.ops.store.read((tx) => tx.get('runbookRun', id));

async function runCheck(args = ''): Promise<void> {
  await world.say('bob', `run net-check staging${args}`);
  await world.ops.activity.whenIdle(10_000);
  await world.app.settle();
}

describe('IaC drift checks (runbook kind: drift-check)', () => {
  it('exit 2 is drift: a finding with Apply and Accept, the redacted output in its thread', async () => {
    await runCheck();
    expect(await run('RUN-1')).toMatchObject({ state: 'succeeded', result: 'changes found (exit code 2); see its drift finding.' });
    expect(await check()).toMatchObject({ state: 'drift', group: 'ALG-1' });
    expect(await group('ALG-1')).toMatchObject({ source: 'drift', env: 'staging', status: 'firing', title: 'Infrastructure drift: net-check (staging)', channels: ['shell:alerts'] });
    const message = await latest(world.ops, 'alert-group:ALG-1');
    expect(message!.text).toBe('net-check found changes in staging: the infrastructure differs from its code (RUN-1, exit code 2).');
    expect(message!.buttons!.slice(0, 2).map((b) => [b.label, b.kind === 'action' ? b.action : ''])).toEqual([['Apply', 'drift.apply'], ['Accept', 'drift.accept']]);
    const thread = (await findingThread(world.ops, 'ALG-1')).join('\n');
    expect(thread).toContain('~ aws_security_group.api (token [redacted])');
    expect(thread).not.toContain(SECRET);
    expect(textOf(await world.say('alice', 'drift net-check'))).toBe(`Drift for net-check\nALG-1 net-check in staging: ${message!.text}`);
  });

  it('exit 0 is no drift and resolves an open finding; exit 1 is a failed check, never no drift', async () => {
    await runCheck(' --arg code=1');
    expect(await check()).toMatchObject({ state: 'failed', detail: 'net-check failed in staging (RUN-1: exit code 1), so whether it drifted is not known.' });
    expect(await run('RUN-1')).toMatchObject({ state: 'failed' });
    expect(await world.ops.store.inspect((tx) => tx.scan('alertGroup'))).toEqual([]);
    expect(textOf(await world.say('alice', 'drift'))).toBe('Drift\nnet-check in staging: failed; net-check failed in staging (RUN-1: exit code 1), so whether it drifted is not known.');

    await runCheck();
    await runCheck(' --arg code=7');
    expect(await group('ALG-1')).toMatchObject({ status: 'firing' });
    expect((await findingThread(world.ops, 'ALG-1')).at(-1)).toMatch(/^Drift state failed: net-check failed in staging \(RUN-3: exit code 7\)/);

    await runCheck(' --arg code=0');
    expect(await check()).toMatchObject({ state: 'in-sync' });
    expect(await group('ALG-1')).toMatchObject({ status: 'resolved' });
    expect((await findingThread(world.ops, 'ALG-1')).at(-1)).toBe('In sync again: net-check found no changes in staging (RUN-4).');
  });

  it('Apply runs the apply runbook through its approvals; Accept keeps the same plan from raising again, a new plan raises', async () => {
    await runCheck();
    expect(textOf(await world.press('alice', 'drift.apply', 'ALG-1'))).toMatch(/need the runbook.run permission/);
    expect(textOf(await world.press('bob', 'drift.apply', 'ALG-1'))).toBe('RUN-2: applying ALG-1 with net-apply in staging; it waits for 1 approval(s).');
    expect(await run('RUN-2')).toMatchObject({ runbook: 'net-apply', state: 'awaiting_approval', requestedBy: 'bob', channel: 'shell:alerts' });
    expect((await findingThread(world.ops, 'ALG-1')).at(-1)).toBe('bob asked to apply: RUN-2 runs net-apply in staging, waiting for 1 approval(s). The next net-check resolves this finding once it finds no changes.');

    expect(textOf(await world.say('bob', 'drift accept ALG-1 --reason the open port is for the bastion'))).toBe('ALG-1 accepted: Infrastructure drift: net-check (staging) stays as it is (the open port is for the bastion).');
    expect(await group('ALG-1')).toMatchObject({ status: 'resolved', resolvedBy: 'bob' });
    await runCheck();
    expect(await world.ops.store.inspect((tx) => tx.scan('alertGroup'))).toEqual([]);
    await runCheck(' --arg extra=another-change');
    expect(await check()).toMatchObject({ state: 'drift', group: 'ALG-2' });
    expect((await world.ops.store.queryAudit({ target: 'ALG-1' })).filter((e) => e.action.startsWith('drift.')).map((e) => `${e.action} ${e.outcome}`).sort()).toEqual(['drift.accept ok', 'drift.apply ok', 'drift.apply refused']);
  });

  it('runs by itself on its schedule, in the schedule’s time zone', async () => {
    await world.stop();
    world = await startWorld(dir.dir, clock, checkConfig((c) => (c.runbooks['net-check']!.schedule = { cron: '0 6 * * *', tz: 'Europe/Berlin' })));
    await advance(world, clock, 20 * 3600_000);
    await world.ops.activity.whenIdle(10_000);
    await world.app.settle();
    expect(await run('RUN-1')).toMatchObject({ runbook: 'net-check', requestedBy: 'dayops', state: 'succeeded', createdAt: '2026-03-03T05:00:00.000Z' });
    expect(await check()).toMatchObject({ state: 'drift', group: 'ALG-1' });
  });
});
