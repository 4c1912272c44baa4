import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { ManualClock } from '../../bot/clock.js';
import type { OpsMessage } from '../../bot/model.js';
import { advance, outbox, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { PROMETHEUS_BIN, PROMETHEUS_INSTALL_HINT, prometheusInstalled, startMetricsTarget, startPrometheus, type MetricsTarget, type RunningPrometheus } from '../support/prometheus.js';

// The real Prometheus: CI installs it, so there a missing binary is a failure, not a skip.
const installed = prometheusInstalled();
if (!installed && process.env.CI === 'true') throw new Error(`${PROMETHEUS_BIN} is missing on CI; install it with: ${PROMETHEUS_INSTALL_HINT}`);
const suite = installed ? describe : describe.skip;
if (!installed) it.skip(`needs the real Prometheus at ${PROMETHEUS_BIN}; install it with: ${PROMETHEUS_INSTALL_HINT}`, () => {});

const METRIC = 'opencost_month_to_date_cost';
const QUERY = `sum(${METRIC}{service="api"})`;
const DAY = 24 * 3600_000;

let target: MetricsTarget;
let prom: RunningPrometheus;
beforeAll(async () => {
  if (!installed) return;
  target = await startMetricsTarget();
  target.set(METRIC, 400, { service: 'api' });
  prom = await startPrometheus([target]);
}, 60_000);
afterAll(async () => {
  await prom?.stop();
  await target?.close();
});

async function setCost(value: number): Promise<void> {
  target.set(METRIC, value, { service: 'api' });
  await prom.waitForValue(QUERY, value);
}

const posts = async (w: World) => (await outbox(w.ops)).filter((r) => r.key.startsWith('budget:')).map((r) => (r.message as OpsMessage).text);

suite('cost against budget (a real Prometheus)', () => {
  it('projects the month daily, posts at 80% and 100% once each naming the decision and owner, shows unknown while Prometheus is down', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const config = structuredClone(loadConfig({}));
    config.checks = { ...config.checks, prometheusUrl: prom.url, cron: '0 0 1 1 *' };
    config.services.api = { ...config.services.api!, channel: 'shell:api' };
    const clock = new ManualClock(new Date('2026-03-16T06:00:00Z'));
    const world = await startWorld(dir.dir, clock, config);
    try {
      await world.say('alice', 'decide Cloud spend of api stays under 1000 USD a month --category budget --service api');
      await world.say('bob', 'decision accept D-1');
      expect(textOf(await world.say('alice', `budget set D-1 --limit 1000 ${QUERY}`))).toBe('D-1 now has a monthly limit of 1,000 USD; its cost is read from Prometheus daily.');
      expect(textOf(await world.say('alice', 'budget'))).toBe('Budgets\nD-1 api: limit 1,000 USD; not checked yet.');

      // 07:00 on the 16th: 400 spent in 15 days 7 hours of 31 days projects 811, past 80%.
      await advance(world, clock, 3600_000);
      const first = await posts(world);
      expect(first).toEqual(['api is projected to pass 80% of its monthly budget: 400 USD spent this month, projected 811 USD of 1,000 USD (81%). Budget decision D-1 "Cloud spend of api stays under 1000 USD a month", owned by alice.']);
      const sent = (await outbox(world.ops)).find((r) => r.key === 'budget:D-1:2026-03:80')!;
      expect(sent.channel).toBe('shell:api');
      expect((sent.message as OpsMessage).mentions).toEqual([{ person: 'alice' }]);
      expect(textOf(await world.say('alice', 'budget api'))).toBe('Budgets of api\nD-1 api: warning · 400 USD spent this month, projected 811 USD of 1,000 USD (81%)');

      // Still above 80% the next day: not said again.
      await setCost(450);
      await advance(world, clock, DAY);
      expect(await posts(world)).toHaveLength(1);

      await setCost(600);
      await advance(world, clock, DAY);
      expect((await posts(world)).at(-1)).toBe('api is projected to pass 100% of its monthly budget: 600 USD spent this month, projected 1,076 USD of 1,000 USD (108%). Budget decision D-1 "Cloud spend of api stays under 1000 USD a month", owned by alice.');

      const digest = await world.say('alice', 'digest --period week');
      expect(digest.message.fields).toContainEqual({ label: 'Budgets', value: 'api (D-1): 600 USD spent this month, projected 1,076 USD of 1,000 USD (108%)' });

      await prom.stop();
      await advance(world, clock, DAY);
      const answer = textOf(await world.say('alice', 'budget'));
      expect(answer).toMatch(new RegExp(`^Budgets\\nD-1 api: unknown · limit 1,000 USD; the cost could not be read: Prometheus at ${prom.url.replace(/\./g, '\\.')} did not answer`));
      expect(await posts(world)).toHaveLength(2);
    } finally {
      await world.stop();
      await dir.remove();
    }
  });

  it('refuses a limit on a decision that is not a budget, and an amount that is not one', async () => {
    const dir = await tempDir();
    const world = await startWorld(dir.dir, new ManualClock(), structuredClone(loadConfig({})));
    try {
      await world.say('alice', 'decide Nightly backups --category database --service api');
      expect((await world.say('alice', 'budget set D-1 --limit 1000 sum(x)')).message.text).toBe('D-1 is a database decision; a monthly limit belongs on a budget decision (decide … --category budget).');
      expect((await world.say('alice', 'budget set D-1 --limit lots sum(x)')).message.text).toMatch(/The limit "lots" is not an amount; give one such as 5000\./);
      expect(await world.ops.store.inspect((tx) => tx.scan('budget'))).toEqual([]);
    } finally {
      await world.stop();
      await dir.remove();
    }
  });
});
