import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { ManualClock } from '../../bot/clock.js';
import type { Config } from '../../bot/config/schema.js';
import type { OpsMessage } from '../../bot/model.js';
import { advance, outbox, startWorld, tempDir, textOf, type World } from '../reminders/support.js';

const DAY = 24 * 3600_000;

/** A cost script as a team would write one: it prints what the test puts in cost.txt and exits with exit.txt. */
async function costScript(dir: string): Promise<{ set(output: string, exit?: number): Promise<void> }> {
  await writeFile(join(dir, 'cost.sh'), `cat "${dir}/cost.txt"\nexit "$(cat "${dir}/exit.txt")"\n`);
  return {
    async set(output, exit = 0) {
      await writeFile(join(dir, 'cost.txt'), output);
      await writeFile(join(dir, 'exit.txt'), String(exit));
    },
  };
}

function scriptConfig(dir: string, change: (c: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({}));
  config.budgets = { ...config.budgets, scripts: { 'cloud-bill': { command: ['sh', join(dir, 'cost.sh')], timeoutSeconds: 30 } } };
  config.services.api = { ...config.services.api!, channel: 'shell:api' };
  change(config);
  return config;
}

const posts = async (w: World) => (await outbox(w.ops)).filter((r) => r.key.startsWith('budget:')).map((r) => (r.message as OpsMessage).text);

async function budgetDecision(world: World): Promise<void> {
  await world.say('alice', 'decide Cloud spend of api stays under 1000 USD a month --category budget --service api');
  await world.say('bob', 'decision accept D-1');
}

describe('a budget whose cost a script prints', () => {
  it('reads the cost the script prints daily, posts its thresholds, and is unknown when the script fails or prints no amount', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const script = await costScript(dir.dir);
    await script.set('fetching the bill\n400.00\n');
    const clock = new ManualClock(new Date('2026-03-16T06:00:00Z'));
    const world = await startWorld(dir.dir, clock, scriptConfig(dir.dir));
    try {
      await budgetDecision(world);
      expect(textOf(await world.say('alice', 'budget set D-1 --limit 1000 --script nightly-bill'))).toBe('There is no cost script nightly-bill; the configured ones are cloud-bill.');
      expect(textOf(await world.say('alice', 'budget set D-1 --limit 1000 --script cloud-bill sum(cost)'))).toBe('Give either a PromQL query or --script, not both.');
      expect(textOf(await world.say('alice', 'budget set D-1 --limit 1000'))).toBe('Give the PromQL query of the month-to-date cost, or --script <name> for a configured cost script.');
      expect(textOf(await world.say('alice', 'budget set D-1 --limit 1000 --script cloud-bill'))).toBe('D-1 now has a monthly limit of 1,000 USD; its cost is read from the cost script cloud-bill daily.');

      // 07:00: 400 in 15 days 7 hours of 31 projects 811, past 80%.
      await advance(world, clock, 3600_000);
      expect(await posts(world)).toEqual(['api is projected to pass 80% of its monthly budget: 400 USD spent this month, projected 811 USD of 1,000 USD (81%). Budget decision D-1 "Cloud spend of api stays under 1000 USD a month", owned by alice.']);

      await script.set('token=s3cr3t-abcdef\n', 0);
      await advance(world, clock, DAY);
      const garbled = textOf(await world.say('alice', 'budget'));
      expect(garbled).toBe('Budgets\nD-1 api: unknown · limit 1,000 USD; the cost could not be read: the cost script cloud-bill: its last line is not an amount such as 1234.50');
      expect(garbled).not.toContain('s3cr3t');

      await script.set('the billing API said 503\n', 3);
      await advance(world, clock, DAY);
      expect(textOf(await world.say('alice', 'budget'))).toBe('Budgets\nD-1 api: unknown · limit 1,000 USD; the cost could not be read: the cost script cloud-bill exited with 3');

      await script.set('1,250.5\n');
      await advance(world, clock, DAY);
      expect((await posts(world)).at(-1)).toMatch(/^api is projected to pass 100% of its monthly budget: 1,251 USD spent this month/);
      expect(await posts(world)).toHaveLength(2);
    } finally {
      await world.stop();
      await dir.remove();
    }
  });

  it('in an environment that requires it, refuses deploys while the budget is over, and says so in readiness', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const script = await costScript(dir.dir);
    await script.set('900\n');
    const clock = new ManualClock(new Date('2026-03-16T06:00:00Z'));
    const config = scriptConfig(dir.dir, (c) => {
      c.environments.staging = { ...c.environments.staging!, requireWithinBudget: true };
    });
    const world = await startWorld(dir.dir, clock, config);
    try {
      expect(textOf(await world.say('alice', 'deploy api 1.0.0 to staging'))).toMatch(/^DEP-1/);
      await world.ops.deployRunner.whenIdle();
      await budgetDecision(world);
      await world.say('alice', 'budget set D-1 --limit 1000 --script cloud-bill');
      await advance(world, clock, 3600_000);

      const refused = textOf(await world.say('alice', 'deploy api 1.1.0 to staging'));
      expect(refused).toBe('staging requires api within its budget, and D-1 is over: 900 USD spent this month, projected 1,825 USD of 1,000 USD (182%). Deploy once the projection is back under the limit, or raise it (budget set D-1 --limit …).');
      const ready = await world.say('alice', 'readiness api staging');
      expect(ready.message.fields).toContainEqual({ label: 'staging: over budget', value: '✗ D-1 over: 900 USD spent this month, projected 1,825 USD of 1,000 USD (182%)' });
      expect(ready.message.tone).toBe('warning');
      // Production does not require it: its line is not there.
      expect((await world.say('alice', 'readiness api production')).message.fields?.some((f) => f.label.includes('budget'))).toBe(false);

      await world.say('alice', 'budget set D-1 --limit 5000 --script cloud-bill');
      await advance(world, clock, DAY);
      expect((await world.say('alice', 'readiness api staging')).message.fields).toContainEqual({ label: 'staging: within budget', value: '✓ D-1 ok: 900 USD spent this month, projected 1,713 USD of 5,000 USD (34%)' });
      expect(textOf(await world.say('alice', 'deploy api 1.1.0 to staging'))).toMatch(/^DEP-2/);
    } finally {
      await world.stop();
      await dir.remove();
    }
  });
});
