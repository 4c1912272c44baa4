import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertmanagerApi } from '../../adapters/alerts/alertmanager-api.js';
import { alertmanagerInstalled, ALERTMANAGER_BIN, eventually, freePort, INSTALL_HINT, startAlertmanager, type RunningAlertmanager } from '../alerts/alertmanager-process.js';
import { FakeChat } from '../replicas/fake-chat.js';
import { tempDir } from '../support/temp-dir.js';
import { dayops, type DayopsProcess } from './process.js';

const CI = process.env.CI === 'true';
const installed = alertmanagerInstalled();
if (!installed && CI) throw new Error(`${ALERTMANAGER_BIN} is missing on CI; install it with: ${INSTALL_HINT}`);
const suite = installed ? describe : describe.skip;

const TOKEN = 'am-bearer-token-for-the-soak';
const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

/**
 * Behaviour over time on the real process: `dayops serve` with intervals of seconds, the real
 * Alertmanager sending to it with a bearer token, and a local stand-in for Slack's Web API.
 */
suite('dayops serve with the real Alertmanager, over time', { timeout: 180_000 }, () => {
  it('re-notifies an unacknowledged critical group again and again, and closes a silenced alert that vanished, without a restart', async () => {
    const chat = new FakeChat();
    const chatUrl = await chat.start();
    running.push(chat);
    const port = await freePort();
    const am = await startAlertmanager([{ url: `http://127.0.0.1:${port}/webhooks/alertmanager`, bearer: TOKEN }]);
    running.push(am);
    const bot = serve(port, am, chatUrl);
    running.push({ stop: async () => void (bot.child.kill('SIGKILL'), await bot.exited) });
    await bot.waitFor(/dayops is listening/);

    const api = new AlertmanagerApi(am.url);
    const far = new Date(Date.now() + 3_600_000).toISOString();
    await api.postAlerts([{ labels: { alertname: 'CheckoutDown', service: 'checkout', severity: 'critical' }, endsAt: far }]);
    // Firing until Prometheus stops sending it in a few seconds; silenced before then.
    const soon = new Date(Date.now() + 8_000).toISOString();
    await api.postAlerts([{ labels: { alertname: 'DiskFull', service: 'db', severity: 'warning' }, endsAt: soon }]);
    await eventually('both groups posted', async () => (chat.mentioning('CheckoutDown').length > 0 && chat.mentioning('DiskFull').length > 0 ? true : undefined), 60_000);
    await silence(am, 'DiskFull');

    const renotifies = () => chat.posts.filter((p) => p.text.startsWith('Still firing and nobody has acknowledged it'));
    await eventually('three re-notifies', async () => (renotifies().length >= 3 ? true : undefined), 90_000);
    expect(new Set(renotifies().map((p) => p.threadTs)).size).toBe(1);

    await eventually('the silenced, vanished alert closed by reconciliation', async () =>
      chat.posts.some((p) => p.text.startsWith('No longer active in Alertmanager')) ? true : undefined, 90_000);
    expect(chat.updates.filter((u) => u.text.includes('DiskFull')).at(-1)?.text).toMatch(/RESOLVED/);
    expect(bot.alive()).toBe(true);
  });
});

function serve(port: number, am: RunningAlertmanager, chatUrl: string): DayopsProcess {
  const dataDir = tempDir();
  const config = join(dataDir, 'dayops.config.yaml');
  writeFileSync(
    config,
    [
      'channels: { ops: "slack:COPS", deploys: "slack:CDEPLOYS", alerts: "slack:CALERTS", incidents: "slack:CINCIDENTS" }',
      'people:',
      '  - { name: bob, slack: [U0BOB], roles: [admin] }',
      'alerts: { renotifyAfter: 3s, reconcileEvery: 2s }',
    ].join('\n'),
  );
  return dayops(['serve'], {
    DAYOPS_DATA_DIR: dataDir,
    DAYOPS_CONFIG: config,
    DAYOPS_PORT: String(port),
    DAYOPS_WEBHOOK_TOKEN: TOKEN,
    DAYOPS_ALERTMANAGER_URL: am.url,
    SLACK_BOT_TOKEN: 'xoxb-soak-test',
    SLACK_SIGNING_SECRET: 'soak-signing-secret',
    SLACK_API_URL: `${chatUrl}api/`,
  });
}

async function silence(am: RunningAlertmanager, alertname: string): Promise<void> {
  const res = await fetch(`${am.url}/api/v2/silences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matchers: [{ name: 'alertname', value: alertname, isRegex: false, isEqual: true }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'soak test',
      comment: 'silenced while it resolves',
    }),
  });
  expect(res.status).toBe(200);
}
