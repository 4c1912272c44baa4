import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertmanagerApi, type PostableAlert } from '../../adapters/alerts/alertmanager-api.js';
import { chatFor } from './router.js';
import { ALERTMANAGER_BIN, alertmanagerInstalled, eventually, freePort, INSTALL_HINT, startAlertmanager, type RunningAlertmanager } from './alertmanager-process.js';
import { startAlerts, TOKEN, type AlertsHarness } from './support.js';

// The real Alertmanager: CI installs it, so there a missing binary is a failure, not a skip.
const CI = process.env.CI === 'true';
const CAPTURE = process.env.DAYOPS_CAPTURE_FIXTURES === '1';
const installed = alertmanagerInstalled();
if (!installed && CI) throw new Error(`${ALERTMANAGER_BIN} is missing on CI; install it with: ${INSTALL_HINT}`);

const suite = installed ? describe : describe.skip;
if (!installed) it.skip(`needs the real Alertmanager at ${ALERTMANAGER_BIN}; install it with: ${INSTALL_HINT}`, () => {});

suite('with the real Alertmanager (prometheus-alertmanager)', { timeout: 60_000 }, () => {
  let h: AlertsHarness;
  let am: RunningAlertmanager | undefined;
  const captured: unknown[] = [];

  // A bot and an Alertmanager per test: the harness is closed after each test.
  beforeEach(async () => {
    // Each must know the other's address first: dayops's port is chosen before either starts.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    am = await startAlertmanager([
      { url: `${url}/webhooks/alertmanager`, bearer: TOKEN },
      { url: `${url}/capture` },
    ]);
    h = await startAlerts({ secrets: { alertmanagerUrl: am.url } }, 'service', port);
    h.http.route('POST', '/capture', (req) => {
      captured.push(JSON.parse(req.rawBody.toString('utf8')));
      return { status: 200 };
    });
  });

  afterEach(async () => {
    await am?.stop();
    am = undefined;
  });

  const api = () => new AlertmanagerApi(am!.url);
  const checkout = (instance: string, endsAt?: string): PostableAlert => ({
    labels: { alertname: 'HighErrorRate', service: 'checkout', env: 'prod', severity: 'critical', instance },
    annotations: { summary: 'checkout 5xx rate above 5%', description: `errors on ${instance}` },
    startsAt: '2026-01-05T08:55:00Z',
    ...(endsAt ? { endsAt } : {}),
    generatorURL: 'http://prometheus.test/graph',
  });
  const group = (id: string) => h.ops.store.read((tx) => tx.get('alertGroup', id));

  it('shows one living message for a group that fires and resolves', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await api().postAlerts([checkout('a:8080', later), checkout('b:8080', later)]);
    const firing = await eventually('the group with both alerts', async () => {
      const g = await group('ALG-1');
      return g && Object.keys(g.alerts).length === 2 ? g : undefined;
    });
    expect(firing).toMatchObject({ source: 'alertmanager', service: 'checkout', env: 'prod', severity: 'critical', status: 'firing' });
    expect(firing.groupKey).toContain('alertname="HighErrorRate"');

    await api().postAlerts([checkout('a:8080', new Date(Date.now() - 1000).toISOString()), checkout('b:8080', new Date(Date.now() - 1000).toISOString())]);
    await eventually('the group to resolve', async () => ((await group('ALG-1'))?.status === 'resolved' ? true : undefined));
    await h.idle();
    expect(h.sender.posts.filter((p) => p.key === 'alert-group:ALG-1')).toHaveLength(1);
    expect(h.versions('alert-group:ALG-1').at(-1)?.title).toBe('RESOLVED HighErrorRate on checkout (prod)');
    if (CAPTURE) await saveCaptured(captured);
  });

  it('creates a real silence from chat that stops notifications, and expires it on unsilence', async () => {
    const chat = chatFor(h.ops);
    h.ops.clock.set(new Date());
    const r = await chat.run('silence alertname=DiskFull --for 1h --reason resize');
    const silence = await h.ops.store.read((tx) => tx.get('silence', 'SIL-1'));
    expect(r.message.text).toContain(`Alertmanager silence ${silence?.alertmanagerId}`);

    await api().postAlerts([{ labels: { alertname: 'DiskFull', service: 'db', severity: 'warning' }, endsAt: new Date(Date.now() + 3_600_000).toISOString() }]);
    const state = await eventually('Alertmanager to mark the alert silenced', async () => {
      const alerts = await api().activeAlerts();
      const disk = alerts.find((a) => a.labels.alertname === 'DiskFull');
      return disk?.status.state === 'suppressed' ? disk.status : undefined;
    });
    expect(state.silencedBy).toEqual([silence?.alertmanagerId]);
    // A canary sent after the silenced alert, with the same group_wait: once it has arrived, a
    // notification of the silenced alert would have arrived before it.
    await api().postAlerts([{ labels: { alertname: 'Canary', service: 'db', severity: 'warning' }, endsAt: new Date(Date.now() + 3_600_000).toISOString() }]);
    await eventually('the canary', async () => (await h.ops.store.inspect((tx) => tx.scan('alertGroup'))).find((g) => g.title === 'Canary on db'));
    const groups = await h.ops.store.inspect((tx) => tx.scan('alertGroup', { state: 'all' }));
    expect(groups.map((g) => g.title)).not.toContain('DiskFull on db');

    await chat.run('unsilence SIL-1');
    const res = await fetch(`${am!.url}/api/v2/silence/${silence!.alertmanagerId}`);
    expect(((await res.json()) as { status: { state: string } }).status.state).toBe('expired');
    await eventually('the alert to notify once the silence ended', async () => {
      const all = await h.ops.store.inspect((tx) => tx.scan('alertGroup'));
      return all.find((g) => g.title === 'DiskFull on db');
    });
  });
});

/** Real payloads for the parser tests: the first firing and the first resolved delivery. */
async function saveCaptured(captured: unknown[]): Promise<void> {
  const firing = captured.find((p) => (p as { status: string }).status === 'firing');
  const resolved = captured.find((p) => (p as { status: string }).status === 'resolved');
  const dir = new URL('../fixtures/alertmanager/', import.meta.url);
  if (firing) await writeFile(new URL('captured-firing.json', dir), `${JSON.stringify(firing, null, 2)}\n`);
  if (resolved) await writeFile(new URL('captured-resolved.json', dir), `${JSON.stringify(resolved, null, 2)}\n`);
}
