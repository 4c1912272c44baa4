import { describe, expect, it } from 'vitest';
import { PROMETHEUS_BIN, PROMETHEUS_INSTALL_HINT, prometheusInstalled, startMetricsTarget, startPrometheus } from '../support/prometheus.js';

// The real Prometheus: CI installs it, so there a missing binary is a failure, not a skip.
const installed = prometheusInstalled();
if (!installed && process.env.CI === 'true') throw new Error(`${PROMETHEUS_BIN} is missing on CI; install it with: ${PROMETHEUS_INSTALL_HINT}`);
const suite = installed ? describe : describe.skip;
if (!installed) it.skip(`needs the real Prometheus at ${PROMETHEUS_BIN}; install it with: ${PROMETHEUS_INSTALL_HINT}`, () => {});

suite('test/support/prometheus.ts', () => {
  it('starts Prometheus scraping a target the test controls, sees a changed value, and stops', async () => {
    const target = await startMetricsTarget({ demo_gauge: 1 });
    const prom = await startPrometheus([target]);
    try {
      expect(await prom.value('demo_gauge')).toBe(1);
      target.set('demo_gauge', 2.5);
      await prom.waitForValue('demo_gauge', 2.5);
    } finally {
      await prom.stop();
      await target.close();
    }
    await expect(fetch(`${prom.url}/-/ready`)).rejects.toThrow();
  }, 60_000);
});
