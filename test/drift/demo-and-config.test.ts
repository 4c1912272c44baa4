import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { CONFIG_PARTS, loadConfig } from '../../bin/config.js';
import { fileConfigSchema } from '../../bot/config/schema.js';
import { latest, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { findingThread } from './support.js';

let world: World | undefined;
let dir: { dir: string; remove(): Promise<void> } | undefined;
afterEach(async () => {
  await world?.stop();
  await dir?.remove();
});

describe('the demo drift check', () => {
  it('scripts/example-drift-check.sh raises a finding that alice accepts', async () => {
    dir = await tempDir();
    world = await startWorld(dir.dir, new ManualClock(new Date('2026-03-02T09:00:00Z')), structuredClone(loadConfig({})));
    expect(textOf(await world.say('bob', 'run network-drift staging'))).toBe('RUN-1: running network-drift in staging; output follows in its thread.');
    await world.ops.activity.whenIdle(10_000);
    await world.app.settle();
    const message = await latest(world.ops, 'alert-group:ALG-1');
    expect(message!.title).toBe('FIRING Infrastructure drift: network-drift (staging)');
    expect((await findingThread(world.ops, 'ALG-1'))[0]).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(textOf(await world.say('alice', 'drift accept ALG-1 --reason port 22 is the bastion'))).toBe('ALG-1 accepted: Infrastructure drift: network-drift (staging) stays as it is (port 22 is the bastion).');
    expect(textOf(await world.say('alice', 'drift'))).toBe('No drift: every check agrees with what dayops deployed.');
  });
});

describe('drift config', () => {
  const base = { environments: { staging: {} }, runbooks: { check: { description: 'plan', engine: { type: 'script', command: 'true' } } } };
  const problems = (runbook: Record<string, unknown>) => {
    const parsed = fileConfigSchema(CONFIG_PARTS).safeParse({ ...base, runbooks: { ...base.runbooks, probe: { description: 'p', engine: { type: 'script', command: 'true' }, ...runbook } } });
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('names what is wrong with a drift check: its apply runbook, its schedule, its environments', () => {
    expect(problems({ kind: 'drift-check', apply: 'nope' })).toEqual(['runbooks.probe.apply: there is no runbook named nope']);
    expect(problems({ apply: 'check' })).toEqual(['runbooks.probe.apply: only a runbook with kind: drift-check names an apply runbook']);
    expect(problems({ kind: 'drift-check', schedule: { cron: '0 6 31 2 *' } })).toEqual(['runbooks.probe.schedule.cron: The cron expression "0 6 31 2 *" never runs; check its day and month.']);
    expect(problems({ kind: 'drift-check', schedule: { cron: '0 6 * * *', tz: 'Mars/Olympus' } })).toEqual(['runbooks.probe.schedule.tz: must be an IANA time zone such as Europe/Berlin or UTC']);
    expect(problems({ envs: ['prod'] })).toEqual(['runbooks.probe.envs.0: there is no environment prod under environments']);
    expect(problems({ kind: 'drift-check', apply: 'check', schedule: { cron: '0 6 * * *' }, envs: ['staging'] })).toEqual([]);
    expect(fileConfigSchema(CONFIG_PARTS).safeParse({ drift: { every: 'sometimes' } }).error?.issues.map((i) => i.message)).toEqual(['must be a duration such as 5m or 1h']);
  });
});
