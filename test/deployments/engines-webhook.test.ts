import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookEngine } from '../../adapters/deploy/webhook/engine.js';
import { installWebhookCallbacks } from '../../adapters/deploy/webhook/routes.js';
import { sign, verify } from '../../adapters/deploy/webhook/signature.js';
import { HttpServer } from '../../adapters/http/server.js';
import { ManualClock } from '../../bot/clock.js';
import type { AuditEvent } from '../../data/store.js';
import { EventLog, job, quietLog } from './engines-support.js';

const SECRET = 'whsec-test-1234';
const DEPLOYER = 'https://deployer.example.com';

// Callbacks go to the real local server; only the deploy service is mocked.
const mock = setupServer(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

let server: HttpServer;
let base: string;
let engine: WebhookEngine;
let audited: AuditEvent[];
const clock = new ManualClock(new Date('2026-11-21T22:00:00Z'));

beforeEach(async () => {
  server = new HttpServer({ port: 0, onError: (err) => console.error(err) });
  base = (await server.start()).url;
  engine = new WebhookEngine({ publicUrl: 'https://dayops.example.com/', secrets: { DAYOPS_DEPLOY_WEBHOOK_SECRET: SECRET }, log: quietLog, now: () => clock.now(), timing: { requestTimeoutMs: 200, maxBackoffMs: 40 } });
  audited = [];
  installWebhookCallbacks(server, engine, { store: { appendAudit: async (e) => void audited.push(e) }, log: quietLog, clock });
});
afterEach(async () => {
  engine.close();
  await server.stop();
});

const hookJob = (extra: Record<string, unknown> = {}) => job({ type: 'webhook', url: `${DEPLOYER}/deploy`, pollSeconds: 0.01, ...extra });

function acceptStart(answer: Record<string, unknown> = { url: `${DEPLOYER}/runs/77` }) {
  const received: { body: unknown; headers: Headers; raw: string }[] = [];
  mock.use(
    http.post(`${DEPLOYER}/deploy`, async ({ request }) => {
      const raw = await request.text();
      received.push({ body: JSON.parse(raw), headers: request.headers, raw });
      return HttpResponse.json(answer, { status: 202 });
    }),
  );
  return received;
}

async function callback(id: string, body: unknown, headers: Record<string, string> | 'sign' = 'sign', at = clock.now()) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const h = headers === 'sign' ? { 'x-dayops-timestamp': timestamp, 'x-dayops-signature': sign(SECRET, timestamp, raw) } : headers;
  const res = await fetch(`${base}/api/deployments/${id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: raw });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('webhook engine', () => {
  it('posts a signed start request with the callback URL', async () => {
    const received = acceptStart();
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    const [req] = received;
    expect(req?.body).toEqual({ id: 'DEP-12', service: 'checkout', env: 'prod', version: 'v2.8.1', purpose: 'deploy', args: {}, callbackUrl: 'https://dayops.example.com/api/deployments/DEP-12/events' });
    const verdict = verify(SECRET, Object.fromEntries(req?.headers ?? []), Buffer.from(req?.raw ?? ''), clock.now());
    expect(verdict.ok).toBe(true);
    expect(log.events).toEqual([{ type: 'status', status: 'running', message: 'The deploy webhook accepted the deployment.', url: `${DEPLOYER}/runs/77` }]);
  });

  it('fails the run when the deploy service refuses the start', async () => {
    mock.use(http.post(`${DEPLOYER}/deploy`, () => HttpResponse.text('unknown service checkout', { status: 400 })));
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: 'The deploy webhook did not start the deployment: it answered 400: unknown service checkout' });
  });

  it('turns signed callbacks into log lines and a final status', async () => {
    acceptStart();
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    expect(await callback('DEP-12', { lines: ['pulling image', 'rolling out'] })).toEqual({ status: 202, body: { accepted: true } });
    expect(await callback('DEP-12', { status: 'succeeded', line: 'done', message: 'Rolled out 3/3', url: `${DEPLOYER}/runs/77` })).toMatchObject({ status: 202 });
    expect(await log.final).toEqual({ type: 'status', status: 'succeeded', message: 'Rolled out 3/3', url: `${DEPLOYER}/runs/77` });
    expect(log.lines()).toEqual(['pulling image', 'rolling out', 'done']);
    // The run is over: later callbacks find nothing to report into.
    expect((await callback('DEP-12', { status: 'failed' })).status).toBe(404);
  });

  it.each([
    ['a wrong signature', { 'x-dayops-timestamp': '1795298400', 'x-dayops-signature': 'sha256=' + '0'.repeat(64) }, 'The signature does not match.'],
    ['no signature', {}, 'The request has no X-Dayops-Signature and X-Dayops-Timestamp headers.'],
    ['a signature with another secret', 'other-secret', 'The signature does not match.'],
  ])('refuses a callback with %s (401) and reports nothing', async (_name, headers, message) => {
    acceptStart();
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    const body = { status: 'succeeded' };
    let h: Record<string, string>;
    if (typeof headers === 'string') {
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      h = { 'x-dayops-timestamp': ts, 'x-dayops-signature': sign(headers, ts, JSON.stringify(body)) };
    } else {
      h = headers;
    }
    expect(await callback('DEP-12', body, h)).toEqual({ status: 401, body: { error: 'unauthorized', message } });
    expect(log.statuses()).toEqual(['running']);
  });

  it('refuses a replayed callback whose timestamp is more than 5 minutes old', async () => {
    acceptStart();
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    const old = new Date(clock.now().getTime() - 6 * 60_000);
    const answer = await callback('DEP-12', { status: 'failed' }, 'sign', old);
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/may be a replay/);
    expect(log.statuses()).toEqual(['running']);
  });

  it('applies a redelivered callback once', async () => {
    acceptStart();
    const log = new EventLog();
    await engine.start(hookJob(), log.emit);
    expect((await callback('DEP-12', { line: 'step 1' })).status).toBe(202);
    expect(await callback('DEP-12', { line: 'step 1' })).toEqual({ status: 200, body: { accepted: true, duplicate: true } });
    expect(log.lines()).toEqual(['step 1']);
  });

  it('answers 400 to a signed body that is not a report, and 404 to an unknown deployment', async () => {
    acceptStart();
    await engine.start(hookJob(), new EventLog().emit);
    expect((await callback('DEP-12', { status: 'exploded' })).status).toBe(400);
    expect((await callback('DEP-99', { status: 'succeeded' })).status).toBe(404);
    // The signed caller's refused report is audited; the unverifiable 404 is not.
    expect(audited).toEqual([
      expect.objectContaining({ platform: 'webhook', action: 'deployment.callback', target: 'DEP-12', outcome: 'refused', summary: expect.stringMatching(/^Refused: The callback body is not a report/) as unknown }),
    ]);
  });

  it('takes callbacks again after a restart once follow re-registers the run', async () => {
    const log = new EventLog();
    expect((await callback('DEP-12', { status: 'succeeded' })).status).toBe(404);
    await engine.follow(hookJob(), { startedAt: '2026-11-21T21:59:00.000Z' }, log.emit);
    expect((await callback('DEP-12', { status: 'succeeded' })).status).toBe(202);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
  });

  it('polls the status URL, passing on only new lines, through a 503', async () => {
    acceptStart({});
    const answers: (Record<string, unknown> | number)[] = [
      { status: 'running', lines: ['one'] },
      503,
      { status: 'running', lines: ['one', 'two'] },
      { status: 'failed', lines: ['one', 'two', 'three'], message: 'migration failed' },
    ];
    let i = 0;
    const signed: boolean[] = [];
    mock.use(
      http.get(`${DEPLOYER}/status/DEP-12`, ({ request }) => {
        signed.push(request.headers.get('x-dayops-signature')?.startsWith('sha256=') ?? false);
        const next = answers[Math.min(i++, answers.length - 1)] as Record<string, unknown> | number;
        return typeof next === 'number' ? HttpResponse.text('busy', { status: next }) : HttpResponse.json(next);
      }),
    );
    const log = new EventLog();
    await engine.start(hookJob({ statusUrl: `${DEPLOYER}/status/{id}` }), log.emit);
    expect(await log.final).toEqual({ type: 'status', status: 'failed', message: 'migration failed' });
    expect(log.lines()).toEqual(['one', 'The status URL answered 503: busy; retrying.', 'two', 'The engine answers again; following the run.', 'three']);
    expect(signed.every(Boolean)).toBe(true);
  });

  it('halts by posting to the cancel URL', async () => {
    acceptStart();
    const cancels: unknown[] = [];
    mock.use(
      http.post(`${DEPLOYER}/cancel/DEP-12`, async ({ request }) => {
        cancels.push(await request.json());
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const j = hookJob({ cancelUrl: `${DEPLOYER}/cancel/{id}` });
    const log = new EventLog();
    await engine.halt(j, await engine.start(j, log.emit));
    expect(cancels).toEqual([{ id: 'DEP-12', service: 'checkout', env: 'prod' }]);
    await callback('DEP-12', { status: 'halted' });
    expect(await log.final).toMatchObject({ status: 'halted' });
  });

  it('refuses a halt when there is no cancel URL', async () => {
    await expect(engine.halt(hookJob(), {})).rejects.toThrow(/has no cancelUrl/);
  });

  it('fails at once, naming the variable, when the secret is not set', async () => {
    const log = new EventLog();
    await engine.start(hookJob({ secretEnv: 'OTHER_HOOK_SECRET' }), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: expect.stringContaining('OTHER_HOOK_SECRET is not set') });
  });
});
