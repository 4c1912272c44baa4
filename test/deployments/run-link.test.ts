import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../bin/app.js';
import { loadConfig } from '../../bin/config.js';
import { silentLogger } from '../../bot/log.js';
import type { Actor, Field, OpsMessage } from '../../bot/model.js';

const API = 'https://api.github.com';
const RUN_URL = 'https://github.com/acme/checkout/actions/runs/19876543210';
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../fixtures/github/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

const github = setupServer(
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  http.post(`${API}/repos/acme/checkout/actions/workflows/deploy.yml/dispatches`, () => HttpResponse.json(fixture('workflow-dispatch-response'))),
  http.get(`${API}/repos/acme/checkout/actions/runs/19876543210`, () => HttpResponse.json(fixture('workflow-run-completed-success'))),
);

const CONFIG = {
  services: { checkout: { engine: { type: 'github-actions', owner: 'acme', repo: 'checkout', workflow: 'deploy.yml', pollSeconds: 0.05 } } },
  environments: { staging: { approvals: 0, requiredCategories: [] } },
  people: [{ name: 'alice', roles: ['deployer'] }],
  api: { tokens: [{ name: 'ci', tokenEnv: 'CI_TOKEN', permissions: ['request', 'read'] }] },
};

describe('the engine run link reaches the deploy message, deploy-status and the pipeline API', () => {
  let dir: string;
  let app: App;
  let base: string;
  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'error' });
    dir = await mkdtemp(join(tmpdir(), 'dayops-runlink-'));
    await writeFile(join(dir, 'dayops.config.json'), JSON.stringify(CONFIG));
    const env = { DAYOPS_CONFIG: join(dir, 'dayops.config.json'), DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0', GITHUB_TOKEN: 'ghs_test', CI_TOKEN: 'ci-token' };
    app = await buildApp({ config: loadConfig(env), log: silentLogger, mode: 'service' });
    base = (await app.start()).url;
  });
  afterAll(async () => {
    await app?.stop(2000);
    github.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a GitHub Actions deployment shows its workflow run everywhere', async () => {
    const actor: Actor = { platform: 'shell', userId: 'alice', displayName: 'alice' };
    await app.router.handleCommand({ actor, place: { channel: 'shell:deploys' }, text: 'deploy checkout v2.8.1 to staging' });
    expect(await app.ops.activity.whenIdle(20_000)).toBe(true);
    const d = await app.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(d).toMatchObject({ state: 'succeeded', runUrl: RUN_URL });

    const message = (await app.ops.store.read((tx) => tx.get('post', 'deployment:DEP-1')))?.message as OpsMessage | undefined;
    const outboxed = (await app.ops.store.inspect((tx) => tx.scan('outbox'))).filter((o) => o.key === 'deployment:DEP-1').map((o) => o.message as unknown as OpsMessage);
    const latest = outboxed.at(-1) ?? message;
    expect(latest?.fields).toContainEqual<Field>({ label: 'Run', value: RUN_URL });
    expect(latest?.buttons).toContainEqual({ kind: 'link', label: 'Open run', url: RUN_URL });

    const status = await app.router.handleCommand({ actor, place: { channel: 'shell:deploys' }, text: 'deploy-status DEP-1' });
    expect(status.message.fields).toContainEqual<Field>({ label: 'Run', value: RUN_URL });
    expect(status.message.buttons).toEqual([{ kind: 'link', label: 'Open run', url: RUN_URL }]);

    const res = await fetch(`${base}/api/deployments/DEP-1`, { headers: { authorization: 'Bearer ci-token' } });
    expect(await res.json()).toMatchObject({ id: 'DEP-1', state: 'succeeded', url: RUN_URL });
  });
});
