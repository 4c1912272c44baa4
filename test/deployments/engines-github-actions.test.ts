import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GitHubActionsEngine } from '../../adapters/deploy/github-actions/engine.js';
import { EventLog, fixture, job, quietLog } from './engines-support.js';

const API = 'https://api.github.com';
const RUN = `${API}/repos/acme/checkout/actions/runs/19876543210`;
const DISPATCH = `${API}/repos/acme/checkout/actions/workflows/deploy.yml/dispatches`;
const RUN_LIST = `${API}/repos/acme/checkout/actions/workflows/deploy.yml/runs`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const engines: GitHubActionsEngine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.close()));

function engine(options: { forceCancelAfterMs?: number; token?: string } = {}) {
  const e = new GitHubActionsEngine({
    token: 'token' in options ? options.token : 'ghs_test',
    log: quietLog,
    now: () => new Date('2026-11-21T22:21:10Z'),
    timing: { requestTimeoutMs: 200, maxBackoffMs: 40 },
    forceCancelAfterMs: options.forceCancelAfterMs ?? 30,
    findRunAttempts: 3,
  });
  engines.push(e);
  return e;
}

const ghJob = (extra: Record<string, unknown> = {}) =>
  job({ type: 'github-actions', owner: 'acme', repo: 'checkout', workflow: 'deploy.yml', inputs: { region: 'eu' }, pollSeconds: 0.01, ...extra });

/** Serves the given run fixtures in order, repeating the last. */
function runSequence(...names: (string | number)[]) {
  let i = 0;
  const seen: string[] = [];
  server.use(
    http.get(RUN, () => {
      const next = names[Math.min(i++, names.length - 1)] as string | number;
      seen.push(String(next));
      if (typeof next === 'number') return HttpResponse.json({ message: 'Server Error' }, { status: next });
      return HttpResponse.json(fixture('github', next));
    }),
  );
  return seen;
}

function dispatchAnswers(body: Record<string, unknown> | null, status = 200) {
  const requests: { body: unknown; auth: string | null }[] = [];
  server.use(
    http.post(DISPATCH, async ({ request }) => {
      requests.push({ body: await request.json(), auth: request.headers.get('authorization') });
      return body === null ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(body, { status });
    }),
  );
  return requests;
}

describe('github-actions engine', () => {
  it('dispatches with our inputs and return_run_details, then follows the run to success', async () => {
    const requests = dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    runSequence('workflow-run-queued', 'workflow-run-in-progress', 'workflow-run-completed-success');
    const log = new EventLog();
    const ref = await engine().start(ghJob(), log.emit);

    expect(ref).toEqual({ runId: 19876543210 });
    expect(requests[0]).toEqual({
      auth: 'token ghs_test',
      body: { ref: 'main', inputs: { region: 'eu', service: 'checkout', env: 'prod', version: 'v2.8.1', deploy_id: 'DEP-12' }, return_run_details: true },
    });
    expect(await log.final).toMatchObject({ status: 'succeeded', url: 'https://github.com/acme/checkout/actions/runs/19876543210' });
    expect(log.statuses()).toEqual(['running', 'succeeded']);
    expect(log.events[0]).toMatchObject({ url: 'https://github.com/acme/checkout/actions/runs/19876543210' });
    expect(log.lines()).toEqual(['Workflow run 19876543210 is queued.', 'Workflow run 19876543210 is in_progress.']);
  });

  it.each([
    [422, 'error-422', 'Unexpected inputs provided: ["region"]'],
    [404, null, 'Not Found'],
  ])('fails with GitHub’s message when the dispatch is refused with %i', async (status, name, message) => {
    const body = name ? fixture('github', name) : { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
    dispatchAnswers(body, status);
    const log = new EventLog();
    expect(await engine().start(ghJob(), log.emit)).toEqual({});
    const final = await log.final;
    expect(final).toMatchObject({ status: 'failed' });
    expect(final.type === 'status' && final.message).toContain(message);
    expect(final.type === 'status' && final.message).toContain(`(${status})`);
  });

  it('finds the run by listing workflow_dispatch runs when the dispatch answers 204', async () => {
    dispatchAnswers(null);
    const listQueries: URLSearchParams[] = [];
    let listed = 0;
    server.use(
      http.get(RUN_LIST, ({ request }) => {
        listQueries.push(new URL(request.url).searchParams);
        // The run shows up on the second look, as it does at GitHub a moment after a dispatch.
        return HttpResponse.json(listed++ === 0 ? { total_count: 0, workflow_runs: [] } : fixture('github', 'list-workflow-runs'));
      }),
    );
    runSequence('workflow-run-completed-success');
    const log = new EventLog();
    const ref = await engine().start(ghJob(), log.emit);
    expect(ref).toEqual({ runId: 19876543210 });
    expect(listQueries[0]?.get('event')).toBe('workflow_dispatch');
    expect(listQueries[0]?.get('created')).toBe('>=2026-11-21T22:21:08Z');
    expect(await log.final).toMatchObject({ status: 'succeeded' });
  });

  it('fails when the dispatched run never shows up in the list', async () => {
    dispatchAnswers(null);
    server.use(http.get(RUN_LIST, () => HttpResponse.json({ total_count: 0, workflow_runs: [] })));
    const log = new EventLog();
    await engine().start(ghJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: expect.stringContaining('did not appear') });
  });

  it.each([
    ['workflow-run-completed-failure', 'failed'],
    ['workflow-run-cancelled', 'halted'],
  ])('reports %s as %s', async (name, status) => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    runSequence('workflow-run-in-progress', name);
    const log = new EventLog();
    await engine().start(ghJob(), log.emit);
    expect(await log.final).toMatchObject({ status });
  });

  it('keeps following through 5xx answers and a timeout, then reports the real outcome', async () => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    let calls = 0;
    server.use(
      http.get(RUN, async () => {
        calls++;
        if (calls === 1) return HttpResponse.json({ message: 'Server Error' }, { status: 502 });
        if (calls === 2) return new Promise<Response>(() => {}); // never answers: the request times out
        if (calls === 3) return HttpResponse.json({ message: 'Service Unavailable' }, { status: 503 });
        return HttpResponse.json(fixture('github', 'workflow-run-completed-success'));
      }),
    );
    const log = new EventLog();
    await engine().start(ghJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
    expect(calls).toBe(4);
    expect(log.statuses()).toEqual(['running', 'succeeded']);
    expect(log.lines()).toContain('GitHub answered 502: Server Error; retrying.');
  });

  it('fails when the run is gone (404 while polling)', async () => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    server.use(http.get(RUN, () => HttpResponse.json({ message: 'Not Found' }, { status: 404 })));
    const log = new EventLog();
    await engine().start(ghJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: 'GitHub answered 404: Not Found' });
  });

  it('halts by cancelling, and force-cancels a run that does not stop', async () => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    const calls: string[] = [];
    let forced = false;
    server.use(
      http.get(RUN, () => HttpResponse.json(fixture('github', forced ? 'workflow-run-cancelled' : 'workflow-run-in-progress'))),
      http.post(`${RUN}/cancel`, () => {
        calls.push('cancel');
        return HttpResponse.json({}, { status: 202 });
      }),
      http.post(`${RUN}/force-cancel`, () => {
        calls.push('force-cancel');
        forced = true;
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const e = engine();
    const log = new EventLog();
    const j = ghJob();
    const ref = await e.start(j, log.emit);
    await e.halt(j, ref);
    expect(await log.final).toMatchObject({ status: 'halted' });
    expect(calls).toEqual(['cancel', 'force-cancel']);
    expect(log.lines()).toContain('Workflow run 19876543210 did not stop after the cancel; force-cancelling it.');
  });

  it('does not force-cancel a run that stopped after the cancel', async () => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    let cancelled = false;
    const calls: string[] = [];
    server.use(
      http.get(RUN, () => HttpResponse.json(fixture('github', cancelled ? 'workflow-run-cancelled' : 'workflow-run-in-progress'))),
      http.post(`${RUN}/cancel`, () => {
        calls.push('cancel');
        cancelled = true;
        return HttpResponse.json({}, { status: 202 });
      }),
      http.post(`${RUN}/force-cancel`, () => {
        calls.push('force-cancel');
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const e = engine({ forceCancelAfterMs: 100 });
    const log = new EventLog();
    const j = ghJob();
    await e.halt(j, await e.start(j, log.emit));
    expect(await log.final).toMatchObject({ status: 'halted' });
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toEqual(['cancel']);
  });

  it('treats 409 on cancel as a run that already completed', async () => {
    dispatchAnswers(fixture('github', 'workflow-dispatch-response'));
    let completed = false;
    server.use(
      http.get(RUN, () => HttpResponse.json(fixture('github', completed ? 'workflow-run-completed-success' : 'workflow-run-in-progress'))),
      http.post(`${RUN}/cancel`, () => {
        completed = true;
        return HttpResponse.json(fixture('github', 'error-409'), { status: 409 });
      }),
    );
    const e = engine();
    const log = new EventLog();
    const j = ghJob();
    const ref = await e.start(j, log.emit);
    await expect(e.halt(j, ref)).resolves.toBeUndefined();
    expect(await log.final).toMatchObject({ status: 'succeeded' });
  });

  it('refuses a halt GitHub rejects with a clear message', async () => {
    server.use(http.post(`${RUN}/cancel`, () => HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 })));
    await expect(engine().halt(ghJob(), { runId: 19876543210 })).rejects.toThrow('GitHub did not cancel workflow run 19876543210: Resource not accessible by integration');
  });

  it('follows a run after a restart from its ref', async () => {
    runSequence('workflow-run-completed-failure');
    const log = new EventLog();
    await engine().follow(ghJob(), { runId: 19876543210 }, log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: 'The workflow run ended with conclusion "failure".' });
  });

  it('fails at once, naming the variable, when no token is configured', async () => {
    const log = new EventLog();
    await engine({ token: undefined }).start(ghJob(), log.emit);
    expect(await log.final).toMatchObject({ status: 'failed', message: expect.stringContaining('GITHUB_TOKEN') });
  });

  it('uses apiUrl for GitHub Enterprise', async () => {
    const seen = vi.fn();
    server.use(
      http.get('https://ghe.example.com/api/v3/repos/acme/checkout/actions/runs/7', () => {
        seen();
        return HttpResponse.json({ ...fixture('github', 'workflow-run-completed-success'), id: 7 });
      }),
    );
    const log = new EventLog();
    await engine().follow(ghJob({ apiUrl: 'https://ghe.example.com/api/v3' }), { runId: 7 }, log.emit);
    expect(await log.final).toMatchObject({ status: 'succeeded' });
    expect(seen).toHaveBeenCalled();
  });
});
