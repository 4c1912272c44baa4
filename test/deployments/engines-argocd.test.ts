import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArgocdEngine } from '../../adapters/deploy/argocd/engine.js';
import { EventLog, fixture, job, quietLog } from './engines-support.js';

const ARGO = 'https://argocd.example.com';
const APP = `${ARGO}/api/v1/applications/checkout-prod`;
const SHA = '3f9c1a7e5b2d4c8f0a6e1b9d7c5a3f2e1d0c9b8a';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const engines: ArgocdEngine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.close()));

function engine(connected = true) {
  const e = new ArgocdEngine({
    connection: connected ? { url: ARGO, token: 'argo-token' } : undefined,
    log: quietLog,
    // Just before the fixtures' operation started (22:26:02Z).
    now: () => new Date('2026-11-21T22:26:00Z'),
    timing: { requestTimeoutMs: 200, maxBackoffMs: 40 },
    terminateAttempts: 3,
  });
  engines.push(e);
  return e;
}

const argoJob = () => job({ type: 'argocd', application: '{service}-{env}', prune: true, pollSeconds: 0.01 }, { version: SHA });

type App = Record<string, unknown> & { status: Record<string, unknown> };
const app = (name: string) => fixture('argocd', name) as App;

/** The healthy fixture with another health status. */
function withHealth(status: string, message?: string): App {
  const a = app('application-synced-healthy');
  return { ...a, status: { ...a.status, health: { status, ...(message ? { message } : {}) } } };
}

function acceptSync() {
  const bodies: unknown[] = [];
  const auth: (string | null)[] = [];
  server.use(
    http.post(`${APP}/sync`, async ({ request }) => {
      bodies.push(await request.json());
      auth.push(request.headers.get('authorization'));
      return HttpResponse.json(app('application-syncing'));
    }),
  );
  return { bodies, auth };
}

/** Serves applications in order, repeating the last; a number is an error status. */
function appSequence(...states: (App | number)[]) {
  let i = 0;
  server.use(
    http.get(APP, () => {
      const next = states[Math.min(i++, states.length - 1)] as App | number;
      return typeof next === 'number' ? HttpResponse.json({ error: 'upstream', code: 14, message: 'upstream connect error' }, { status: next }) : HttpResponse.json(next);
    }),
  );
}

describe('argocd engine', () => {
  it('syncs to the version with prune and the bearer token, then succeeds once Healthy', async () => {
    const sync = acceptSync();
    appSequence(app('application-syncing'), withHealth('Progressing'), app('application-synced-healthy'));
    const log = new EventLog();
    const ref = await engine().start(argoJob(), log.emit);

    expect(ref).toEqual({ application: 'checkout-prod', revision: SHA, startedAt: '2026-11-21T22:26:00.000Z' });
    expect(sync.auth).toEqual(['Bearer argo-token']);
    expect(sync.bodies[0]).toMatchObject({ name: 'checkout-prod', revision: SHA, prune: true, infos: [{ name: 'dayops-deploy-id', value: 'DEP-12' }] });
    expect(await log.final).toMatchObject({ status: 'succeeded', url: `${ARGO}/applications/checkout-prod` });
    expect(log.lines()).toEqual(['Syncing: waiting for healthy state of apps/Deployment/checkout', 'Synced; waiting for the application to be Healthy (it is Progressing).']);
  });

  it('fails with Argo’s message when the sync is refused (403)', async () => {
    server.use(http.post(`${APP}/sync`, () => HttpResponse.json(fixture('argocd', 'error-403'), { status: 403 })));
    const log = new EventLog();
    expect(await engine().start(argoJob(), log.emit)).toEqual({});
    expect(await log.final).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('Argo CD refused to sync checkout-prod (403): permission denied: applications, sync, payments/checkout-prod'),
    });
  });

  it('fails with the operation’s message when the sync fails', async () => {
    acceptSync();
    appSequence(app('application-syncing'), app('application-sync-failed'));
    const log = new EventLog();
    await engine().start(argoJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: expect.stringContaining('must be less than or equal to cpu limit of 2') });
  });

  it('fails when the sync succeeded but the application is Degraded', async () => {
    acceptSync();
    appSequence(withHealth('Degraded', 'Deployment "checkout" exceeded its progress deadline'));
    const log = new EventLog();
    await engine().start(argoJob(), log.emit);
    expect(await log.final).toMatchObject({
      status: 'failed',
      message: 'The sync succeeded, but the application is Degraded: Deployment "checkout" exceeded its progress deadline.',
    });
  });

  it('waits while the application still shows an older operation', async () => {
    acceptSync();
    const older = app('application-synced-healthy');
    const olderOp = { ...(older.status.operationState as object), startedAt: '2026-11-20T15:04:58Z', operation: { sync: { revision: 'b1c2d3e4f5a60718293a4b5c6d7e8f9012345678' } } };
    appSequence({ ...older, status: { ...older.status, operationState: olderOp } }, app('application-synced-healthy'));
    const log = new EventLog();
    await engine().start(argoJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
    expect(log.lines()).toEqual(['Waiting for Argo CD to start the sync.']);
  });

  it('keeps polling through 5xx and reports the outcome after recovery', async () => {
    acceptSync();
    appSequence(502, 503, app('application-synced-healthy'));
    const log = new EventLog();
    await engine().start(argoJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
    expect(log.lines()).toContain('Argo CD answered 502: upstream connect error; retrying.');
  });

  it('halts by terminating the operation; the terminated sync is reported as halted', async () => {
    acceptSync();
    let terminated = false;
    const failed = app('application-sync-failed');
    const afterTerminate = { ...failed, status: { ...failed.status, operationState: { ...(failed.status.operationState as object), message: 'Operation terminated' } } };
    server.use(
      http.get(APP, () => HttpResponse.json(terminated ? afterTerminate : app('application-syncing'))),
      http.delete(`${APP}/operation`, () => {
        terminated = true;
        return HttpResponse.json(fixture('argocd', 'terminate-operation-ok'));
      }),
    );
    const e = engine();
    const log = new EventLog();
    const j = argoJob();
    await e.halt(j, await e.start(j, log.emit));
    expect(await log.final).toMatchObject({ status: 'halted', message: 'Operation terminated' });
  });

  it('retries a terminate answered "no operation is in progress" while the app still syncs', async () => {
    acceptSync();
    let deletes = 0;
    let terminated = false;
    server.use(
      http.get(APP, () => HttpResponse.json(terminated ? app('application-sync-failed') : app('application-syncing'))),
      http.delete(`${APP}/operation`, () => {
        deletes++;
        if (deletes < 3) return HttpResponse.json(fixture('argocd', 'terminate-operation-no-operation'), { status: 400 });
        terminated = true;
        return HttpResponse.json({});
      }),
    );
    const e = engine();
    const log = new EventLog();
    const j = argoJob();
    await e.halt(j, await e.start(j, log.emit));
    // Halted, not failed: we asked for the stop, whatever Argo's closing message says.
    expect(await log.final).toMatchObject({ status: 'halted' });
    expect(deletes).toBe(3);
  });

  it('does not retry the terminate when the operation has already finished', async () => {
    let deletes = 0;
    server.use(
      http.get(APP, () => HttpResponse.json(app('application-synced-healthy'))),
      http.delete(`${APP}/operation`, () => {
        deletes++;
        return HttpResponse.json(fixture('argocd', 'terminate-operation-no-operation'), { status: 400 });
      }),
    );
    const e = engine();
    const log = new EventLog();
    const j = argoJob();
    const ref = { application: 'checkout-prod', revision: SHA, startedAt: '2026-11-21T22:26:00.000Z' };
    await e.follow(j, ref, log.emit);
    await e.halt(j, ref);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
    await new Promise((r) => setTimeout(r, 50));
    expect(deletes).toBe(1);
  });

  it('refuses a halt Argo rejects with its message', async () => {
    server.use(http.delete(`${APP}/operation`, () => HttpResponse.json(fixture('argocd', 'error-403'), { status: 403 })));
    await expect(engine().halt(argoJob(), { application: 'checkout-prod', revision: SHA, startedAt: '2026-11-21T22:26:00.000Z' })).rejects.toThrow(
      /Argo CD did not terminate the sync of checkout-prod: permission denied/,
    );
  });

  it('fails at once, naming the variables, when Argo CD is not configured', async () => {
    const log = new EventLog();
    await engine(false).start(argoJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: expect.stringContaining('ARGOCD_URL and ARGOCD_TOKEN') });
  });
});
