import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerApi } from '../../adapters/alerts/alertmanager-api.js';
import { installAlertWebhooks } from '../../adapters/alerts/install.js';
import { HttpServer } from '../../adapters/http/server.js';
import { installAlerts } from '../../bot/alerts/install.js';
import { reconcileWithAlertmanager } from '../../bot/alerts/reconcile.js';
import { eventually } from './alertmanager-process.js';
import { chatFor } from './router.js';
import { fixture, startOps } from './support.js';

const AM = 'http://alertmanager.test:9093';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

/** Alertmanager's GET /api/v2/alerts answer holding only these fingerprints. */
function activeAlerts(fingerprints: string[]) {
  const [template] = fixture<Record<string, unknown>[]>('alertmanager/api-v2-alerts-get.json');
  return fingerprints.map((fingerprint) => ({ ...template, fingerprint }));
}

describe('reconciliation with Alertmanager', () => {
  it('closes alerts that vanished without a resolved notification and leaves the rest', async () => {
    let served = activeAlerts(['a7c3d9e1f4b60258']);
    mock.use(http.get(`${AM}/api/v2/alerts`, () => HttpResponse.json(served)));
    const h = await startOps({ secrets: { alertmanagerUrl: AM } });
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    h.ops.clock.advance(60_000);
    expect(await reconcileWithAlertmanager(h.ops, new AlertmanagerApi(AM))).toEqual(['ALG-1']);
    const group = await h.ops.store.read((tx) => tx.get('alertGroup', 'ALG-1'));
    expect(Object.values(group!.alerts).map((a) => [a.fingerprint, a.status])).toEqual([
      ['5e1f0c8a3b2d4e6f', 'resolved'],
      ['a7c3d9e1f4b60258', 'firing'],
    ]);
    expect(await reconcileWithAlertmanager(h.ops, new AlertmanagerApi(AM))).toEqual([]);

    served = [];
    h.ops.clock.advance(60_000);
    await reconcileWithAlertmanager(h.ops, new AlertmanagerApi(AM));
    await h.idle();
    expect(h.versions('alert-group:ALG-1').at(-1)?.title).toBe('RESOLVED HighErrorRate on checkout (prod)');
    const lines = h.sender.posts.filter((p) => p.key.includes(':line:')).map((p) => p.message.text);
    expect(lines[0]).toBe('No longer active in Alertmanager (it sends no resolve for silenced or inhibited alerts): 1 alert(s).');
  });

  it('leaves alerts that arrived after the read began', async () => {
    mock.use(http.get(`${AM}/api/v2/alerts`, () => HttpResponse.json([])));
    const h = await startOps({ secrets: { alertmanagerUrl: AM } });
    await h.ingest('alertmanager', fixture('alertmanager/firing-group.json'));
    expect(await reconcileWithAlertmanager(h.ops, new AlertmanagerApi(AM))).toEqual([]);
  });

  it('runs as a recurring job that reschedules itself', async () => {
    let reads = 0;
    mock.use(http.get(`${AM}/api/v2/alerts`, () => ((reads += 1), HttpResponse.json([]))));
    const h = await startOps({ secrets: { alertmanagerUrl: AM }, alerts: { reconcileEvery: '2m' } });
    const chat = chatFor(h.ops);
    // The app scheduled it at start; every interval it reads Alertmanager and is due again.
    for (let i = 1; i <= 5; i++) {
      await chat.advance(2 * 60_000);
      await eventually(`read ${i}`, async () => (reads === i ? true : undefined), 5000);
    }
    const job = await h.ops.store.read((tx) => tx.get('job', 'alerts-reconcile'));
    expect(Date.parse(job!.dueAt)).toBeGreaterThan(h.ops.clock.now().getTime());
  });
});

describe('installing alerts', () => {
  it('schedules reconciliation only when the app has an alert backend (DAYOPS_ALERTMANAGER_URL set)', async () => {
    const withAm = await startOps({ secrets: { alertmanagerUrl: AM } });
    const without = await startOps();
    expect(withAm.ops.alertBackend?.source).toBe('alertmanager');
    expect(without.ops.alertBackend).toBeUndefined();
    installAlerts({ ops: withAm.ops });
    installAlerts({ ops: without.ops });
    await eventually('the reconcile job', () => withAm.ops.store.read((tx) => tx.get('job', 'alerts-reconcile')), 2000);
    expect(await without.ops.store.read((tx) => tx.get('job', 'alerts-reconcile'))).toBeUndefined();
  });

  it('mounts the three webhooks through the alerts adapter, not the core', async () => {
    const h = await startOps();
    const routes: string[] = [];
    class RecordingServer extends HttpServer {
      override route(...args: Parameters<HttpServer['route']>): this {
        routes.push(`${args[0]} ${args[1]}`);
        return super.route(...args);
      }
    }
    installAlertWebhooks({ ops: h.ops, http: new RecordingServer({ port: 0, onError: () => {} }) });
    expect(routes).toEqual(['GET /healthz', 'POST /webhooks/alertmanager', 'POST /webhooks/grafana', 'POST /webhooks/generic']);
  });
});
