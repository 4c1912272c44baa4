import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../bot/log.js';
import { describe, expect, it } from 'vitest';
import { alertWebhookHint } from '../../adapters/alerts/install.js';
import { HttpServer } from '../../adapters/http/server.js';
import { installAlertWebhooks } from '../../adapters/alerts/install.js';
import { createTestOps } from '../support/test-ops.js';
import { fixture, startAlerts, testConfig, TOKEN } from './support.js';

const countGroups = async (h: Awaited<ReturnType<typeof startAlerts>>) =>
  h.ops.store.inspect((tx) => tx.scan('alertGroup', { state: 'all' })).then((g) => g.length);

describe('alert webhooks', () => {
  it('stores an Alertmanager group before answering 200 and posts one message for it', async () => {
    const h = await startAlerts();
    const res = await h.send('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', groups: [{ id: 'ALG-1', changed: true }] });
    const group = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(group).toMatchObject({ status: 'firing', service: 'checkout', env: 'prod', severity: 'critical', channels: ['shell:alerts'] });
    expect(Object.keys(group!.alerts)).toEqual(['5e1f0c8a3b2d4e6f', 'a7c3d9e1f4b60258']);
    await h.idle();
    expect(h.sender.postedKeys()).toEqual(['alert-group:ALG-1']);
    expect(h.sender.posts[0]!.message.title).toBe('FIRING HighErrorRate on checkout (prod)');
  });

  it('accepts basic auth with the token as password', async () => {
    const h = await startAlerts();
    const res = await h.send('grafana', fixture('grafana/firing.json'), { authorization: `Basic ${Buffer.from(`grafana:${TOKEN}`).toString('base64')}` });
    expect(res.status).toBe(200);
  });

  it('refuses a missing or wrong credential with 401 and stores nothing', async () => {
    const h = await startAlerts();
    const none = await h.send('alertmanager', fixture('alertmanager/firing-group.json'), {});
    const wrong = await h.send('generic', { title: 'x' }, { authorization: 'Bearer nope' });
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(await countGroups(h)).toBe(0);
  });

  it('refuses a bad payload with 400 and the reasons, storing nothing', async () => {
    const h = await startAlerts();
    const res = await h.send('alertmanager', { ...fixture<object>('alertmanager/firing-group.json'), alerts: [{ status: 'burning' }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; reasons: string[] };
    expect(body.error).toBe('bad_payload');
    expect(body.reasons).toContain('alerts.0.status: Invalid option: expected one of "firing"|"resolved"');
    const notJson = await h.send('generic', '{nope');
    expect(notJson.status).toBe(400);
    expect(await countGroups(h)).toBe(0);
  });

  it('as a service without a token, refuses every request and logs why', async () => {
    const warnings: string[] = [];
    const config = testConfig();
    const ops = await createTestOps({ config: { ...config, secrets: { ...config.secrets, webhookToken: undefined } } });
    const log = createLogger('warn', new Writable({ write: (chunk: Buffer, _enc, done) => (warnings.push(chunk.toString()), done()) }));
    const http = new HttpServer({ port: 0, onError: () => {} });
    const auth = installAlertWebhooks({ ops: { ...ops, log }, http }, { mode: 'service' });
    const { url } = await http.start();
    try {
      const res = await fetch(`${url}/webhooks/generic`, { method: 'POST', headers: { authorization: 'Bearer anything' }, body: '{"title":"x"}' });
      expect(auth.token).toBeUndefined();
      expect(res.status).toBe(401);
      expect(warnings.some((w) => w.includes('DAYOPS_WEBHOOK_TOKEN'))).toBe(true);
    } finally {
      await http.stop();
      await ops.close();
    }
  });

  it('in the shell without a token, generates one and offers a curl that works', async () => {
    const config = testConfig();
    const ops = await createTestOps({ config: { ...config, secrets: { ...config.secrets, webhookToken: undefined } } });
    const http = new HttpServer({ port: 0, onError: () => {} });
    installAlertWebhooks({ ops, http }, { mode: 'shell' });
    const { url } = await http.start();
    try {
      const hint = alertWebhookHint({ ops }, url);
      expect(hint?.generated).toBe(true);
      expect(hint?.token.length).toBeGreaterThanOrEqual(32);
      expect(hint?.curl).toContain(`${url}/webhooks/generic`);
      const body = /-d '(.*)'$/.exec(hint!.curl)![1]!;
      const res = await fetch(`${url}/webhooks/generic`, { method: 'POST', headers: { authorization: `Bearer ${hint!.token}` }, body });
      expect(res.status).toBe(200);
    } finally {
      await http.stop();
      await ops.close();
    }
  });

  it('checks the Grafana HMAC signature when a secret is set', async () => {
    const h = await startAlerts({ secrets: { grafanaSecret: 'hmac-key' } });
    const body = JSON.stringify(fixture('grafana/firing.json'));
    const signature = createHmac('sha256', 'hmac-key').update(body).digest('hex');
    const unsigned = await h.send('grafana', body);
    expect(unsigned.status).toBe(401);
    const signed = await h.send('grafana', body, { authorization: `Bearer ${TOKEN}`, 'x-grafana-alerting-signature': signature });
    expect(signed.status).toBe(200);
  });
});
