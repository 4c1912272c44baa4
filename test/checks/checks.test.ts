import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { OpsMessage, Reply } from '../../bot/model.js';
import { harness, type Harness } from '../decisions/harness.js';
import {
  eventually,
  PROMETHEUS_BIN,
  PROMETHEUS_INSTALL_HINT,
  prometheusInstalled,
  startMetricsTarget,
  startPrometheus,
  type MetricsTarget,
  type RunningPrometheus,
} from '../support/prometheus.js';

// The real Prometheus: CI installs it, so there a missing binary is a failure, not a skip.
const installed = prometheusInstalled();
if (!installed && process.env.CI === 'true') throw new Error(`${PROMETHEUS_BIN} is missing on CI; install it with: ${PROMETHEUS_INSTALL_HINT}`);
const suite = installed ? describe : describe.skip;
if (!installed) it.skip(`needs the real Prometheus at ${PROMETHEUS_BIN}; install it with: ${PROMETHEUS_INSTALL_HINT}`, () => {});

const METRIC = 'api_latency_p99_seconds';
const WINDOWED = `max_over_time(${METRIC}[3s])`;
const FIVE_MINUTES = 5 * 60_000;

let target: MetricsTarget;
let prom: RunningPrometheus;

beforeAll(async () => {
  if (!installed) return;
  target = await startMetricsTarget({ [METRIC]: 0.12 });
  prom = await startPrometheus([target]);
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await target?.close();
});

/** production verifies after each deploy and requires only the success criteria; api posts to #api-ops. */
function checksConfig(): Config {
  const config = structuredClone(loadConfig({}));
  config.checks = { ...config.checks, prometheusUrl: prom.url, timeoutSeconds: 5 };
  config.environments.production = { ...config.environments.production!, requiredCategories: ['success-criteria'], approvals: 0, checksAfterDeploy: 'verify' };
  config.services.api = { ...config.services.api!, channel: 'shell:api-ops', engine: { type: 'script', command: 'echo deployed', graceSeconds: 1 } };
  return config;
}

/** D-1, accepted, with its p99 check over a 3-second window. */
async function checkedDecision(h: Harness): Promise<void> {
  await h.decide('p99 latency of api below 300 ms --category success-criteria --service api');
  await h.accept('D-1');
  const added = await h.run('alice', `decision check D-1 'max_over_time(${METRIC}{job="target"}[$window])' --below 0.3 --window 3s --name p99 latency of api`);
  expect(added.failed).toBeFalsy();
  expect(added.message.text).toBe(`D-1 now checks p99 latency of api: max_over_time(${METRIC}{job="target"}[$window]) below 0.3 over 3s.`);
}

/** Sets the target's value and waits until Prometheus has scraped it over the whole window. */
async function metricIs(value: number): Promise<void> {
  target.set(METRIC, value);
  await prom.waitForValue(WINDOWED, value);
}

const decision = (h: Harness) => h.decision('D-1');
const evaluations = (h: Harness) => h.ops.store.inspect((tx) => tx.scan('checkEvaluation', { state: 'all', where: (e) => e.decision === 'D-1' }));

async function posts(h: Harness, channel: string): Promise<OpsMessage[]> {
  const records = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).sort((a, b) => a.seq - b.seq);
  return records.filter((r) => r.channel === channel && r.op === 'post').map((r) => r.message as OpsMessage);
}

async function thread(h: Harness, id: string): Promise<string[]> {
  const records = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).sort((a, b) => a.seq - b.seq);
  return records.filter((r) => r.thread === `deployment:${id}`).map((r) => (r.message as OpsMessage).text ?? '');
}

const text = (r: Reply) => [r.message.title, r.message.text, ...(r.message.fields ?? []).map((f) => `${f.label}\n${String(f.value)}`)].filter(Boolean).join('\n');

suite('success criteria checked against a real Prometheus', () => {
  it('evaluates on the schedule: a breach marks the decision needs review and says so in the service channel; recovery clears it; every evaluation is kept', async () => {
    await metricIs(0.12);
    const h = await harness({ config: checksConfig() });
    await checkedDecision(h);
    await h.ops.app.advance(FIVE_MINUTES);
    expect((await decision(h))?.checks?.[0]?.last).toMatchObject({ state: 'passed', value: 0.12, message: '0.12 is below 0.3' });
    expect((await decision(h))?.status).toBe('accepted');

    await metricIs(0.5);
    await h.ops.app.advance(FIVE_MINUTES);
    const breached = await decision(h);
    expect(breached?.status).toBe('needs-review');
    expect(breached?.checks?.[0]?.last).toMatchObject({ state: 'breached', value: 0.5 });
    const said = (await posts(h, 'shell:api-ops')).at(-1);
    expect(said).toMatchObject({ tone: 'danger', title: 'D-1 needs review: p99 latency of api below 300 ms', mentions: [{ person: 'alice' }] });
    expect(said?.text).toBe('A success criterion is breached: p99 latency of api: 0.5 is not below 0.3 (instance="' + target.address + '", job="target").');
    expect(text(await h.run('alice', 'readiness api production'))).toContain('⚠ success-criteria: D-1 p99 latency of api below 300 ms needs review (check breached: p99 latency of api: 0.5 is not below 0.3');
    expect(text(await h.run('alice', 'decisions --status needs-review'))).toContain('D-1');

    await metricIs(0.1);
    await h.ops.app.advance(FIVE_MINUTES);
    expect((await decision(h))?.status).toBe('accepted');
    expect((await posts(h, 'shell:api-ops')).at(-1)?.text).toBe('D-1 (p99 latency of api below 300 ms) passes its checks again; it is accepted again.');
    expect((await evaluations(h)).map((e) => [e.trigger, e.state, e.results[0]?.value])).toEqual([
      ['schedule', 'passed', 0.12],
      ['schedule', 'breached', 0.5],
      ['schedule', 'passed', 0.1],
    ]);
    expect((await decision(h))?.history.map((c) => `${c.status} by ${c.by}`)).toEqual(['proposed by alice', 'accepted by bob', 'needs-review by dayops', 'accepted by dayops']);
  }, 90_000);

  it('after a production deploy: a breach fails its post-deploy verification with a Rollback button; a passing one succeeds with the results in its thread', async () => {
    await metricIs(0.12);
    const h = await harness({ config: checksConfig() });
    await checkedDecision(h);
    expect((await h.run('alice', 'deploy api 1.0.0 to production')).failed).toBeFalsy();
    await h.ops.app.settle();
    const good = await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(good?.state).toBe('succeeded');
    expect(await thread(h, 'DEP-1')).toContain('Checks after DEP-1:\nD-1 p99 latency of api: passed (0.12 is below 0.3)');

    await metricIs(0.5);
    await h.run('alice', 'deploy api 1.1.0 to production');
    await h.ops.app.settle();
    const bad = await h.ops.store.read((tx) => tx.get('deployment', 'DEP-2'));
    expect(bad?.state).toBe('failed');
    expect(bad?.result).toBe(
      `the post-deploy verification failed: D-1 p99 latency of api: 0.5 is not below 0.3 (instance="${target.address}", job="target"). Roll it back with the Rollback button or rollback api production.`,
    );
    const summary = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).filter((r) => r.key === 'deployment:DEP-2').sort((a, b) => a.seq - b.seq).at(-1)?.message as OpsMessage;
    expect(summary.buttons).toEqual([{ kind: 'action', label: 'Rollback', action: 'deploy.rollback', value: 'DEP-2', style: 'danger' }]);
    expect((await decision(h))?.status).toBe('needs-review');
    expect((await evaluations(h)).map((e) => e.trigger)).toEqual(['DEP-1', 'DEP-2']);

    // The rollback is the remedy: evaluated, never failed for the breach.
    expect((await h.press('alice', 'deploy.rollback', 'DEP-2')).failed).toBeFalsy();
    await h.ops.app.settle();
    expect(await h.ops.store.read((tx) => tx.get('deployment', 'DEP-3'))).toMatchObject({ state: 'succeeded', version: '1.0.0', rollbackOf: 'DEP-2' });
  }, 90_000);

  it('with Prometheus down, a check is unknown, never passed: the decision stays as it was and a deploy is not failed', async () => {
    await metricIs(0.5);
    const h = await harness({ config: checksConfig() });
    await checkedDecision(h);
    await h.ops.app.advance(FIVE_MINUTES);
    expect((await decision(h))?.status).toBe('needs-review');
    await prom.stop();
    await eventually('Prometheus to refuse connections', async () => ((await fetch(`${prom.url}/-/ready`).then(() => false, () => true)) ? true : undefined));
    target.set(METRIC, 0.1);
    await h.ops.app.advance(FIVE_MINUTES);
    const d = await decision(h);
    expect(d?.checks?.[0]?.last).toMatchObject({ state: 'unknown' });
    expect(d?.checks?.[0]?.last?.message).toMatch(new RegExp(`^Prometheus at ${prom.url.replace(/\./g, '\\.')} did not answer \\(ECONNREFUSED\\)$`));
    expect(d?.status).toBe('needs-review');
    expect((await evaluations(h)).map((e) => e.state)).toEqual(['breached', 'unknown']);
    await h.run('alice', 'deploy api 1.0.0 to production');
    await h.ops.app.settle();
    expect((await h.ops.store.read((tx) => tx.get('deployment', 'DEP-1')))?.state).toBe('succeeded');
    expect((await thread(h, 'DEP-1')).find((t) => t.startsWith('Checks after'))).toMatch(/^Checks after DEP-1:\nD-1 p99 latency of api: unknown \(Prometheus at .* did not answer \(ECONNREFUSED\)\)$/);
  }, 90_000);
});
