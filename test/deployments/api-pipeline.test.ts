import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installPipelineApi } from '../../adapters/http/api/install.js';
import { HttpServer } from '../../adapters/http/server.js';
import { ConfigError, loadConfig } from '../../bin/config.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

const CONFIG = `
services:
  api: { engine: { type: script, command: "true" } }
  web: { engine: { type: script, command: "true" } }
environments:
  staging: { approvals: 0, requiredCategories: [] }
  production: { protected: true, approvals: 1, requiredCategories: [] }
people:
  - { name: alice, roles: [deployer] }
  - { name: bob, roles: [approver@production] }
api:
  tokens:
    - { name: ci-api, tokenEnv: CI_API_TOKEN, services: [api], permissions: [request, read] }
    - { name: reader, tokenEnv: READER_TOKEN, permissions: [read] }
    - { name: argo-hook, tokenEnv: ARGO_HOOK_TOKEN, envs: [production], permissions: [record-external, read] }
`;
const ENV = { CI_API_TOKEN: 'ci-secret-1', READER_TOKEN: 'reader-secret-2', ARGO_HOOK_TOKEN: 'argo-secret-3' };

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dayops-api-'));
  file = join(dir, 'dayops.config.yaml');
  writeFileSync(file, CONFIG);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let ops: TestOps;
let server: HttpServer;
let base: string;
beforeEach(async () => {
  ops = await createTestOps({ config: loadConfig(ENV, file) });
  server = new HttpServer({ port: 0, onError: (err) => console.error(err) });
  installPipelineApi({ ops, http: server });
  base = (await server.start()).url;
});
afterEach(async () => {
  await server.stop();
  await ops.close();
});

async function call(method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const request = { service: 'api', version: 'v1.4.2', env: 'production', requester: 'alice', commitSha: '3f9c1a7e5b2d', commitTime: '2026-01-05T08:30:00Z' };

describe('pipeline API: POST /api/deployments', () => {
  it('requests a deployment that waits for approval, and GET shows its state', async () => {
    const created = await call('POST', '/api/deployments', ENV.CI_API_TOKEN, request);
    expect(created).toMatchObject({ status: 201, body: { id: 'DEP-1', state: 'awaiting_approval', approvalsRequired: 1 } });

    const read = await call('GET', '/api/deployments/DEP-1', ENV.CI_API_TOKEN);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: 'DEP-1', service: 'api', env: 'production', version: 'v1.4.2', state: 'awaiting_approval', approvals: [] });

    const stored = await ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(stored).toMatchObject({ commitSha: '3f9c1a7e5b2d', commitTime: '2026-01-05T08:30:00Z', requester: { person: 'alice', platform: 'http', userId: 'ci-api' } });
    const [audit] = await ops.store.queryAudit({ target: 'DEP-1' });
    expect(audit).toMatchObject({ action: 'deployment.request', platform: 'http', actor: { platform: 'http', userId: 'ci-api', person: 'alice' } });
  });

  it.each([
    ['no token', undefined, 401, 'Send an API token as "Authorization: Bearer <token>".'],
    ['a wrong token', 'ci-secret-X', 401, 'The API token is not valid.'],
    ['a token without the request permission', ENV.READER_TOKEN, 403, 'The token "reader" does not have the request permission.'],
  ])('refuses %s', async (_name, token, status, message) => {
    expect(await call('POST', '/api/deployments', token, request)).toMatchObject({ status, body: { message } });
    expect(await ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }))).toEqual([]);
  });

  it('refuses a token scoped to api when it asks for web (403, clear JSON)', async () => {
    const answer = await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { ...request, service: 'web' });
    expect(answer).toEqual({
      status: 403,
      headers: expect.anything(),
      body: { error: 'forbidden', message: 'The token "ci-api" may not act on the service web; it covers api.' },
    });
  });

  it('answers 400 with the reason for a bad body, an unknown env and a malformed version', async () => {
    expect(await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { service: 'api' })).toMatchObject({ status: 400, body: { error: 'bad_input' } });
    expect(await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { ...request, env: 'qa' })).toMatchObject({
      status: 400,
      body: { message: 'There is no environment "qa"; the environments are staging, production.' },
    });
    expect(await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { ...request, version: 'v1 2' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('is not a version') } });
    expect(await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { ...request, version: '../../etc/passwd' })).toMatchObject({
      status: 400,
      body: { message: '"../../etc/passwd" is not a version dayops accepts: a part of it starts with "."; a version is semver (1.4.2, v2.0.0-rc.1), an image tag (letters, digits, _ . -) or a git ref name (release/1.4).' },
    });
    expect(await ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }))).toEqual([]);
  });

  it('honours Idempotency-Key: a retry gets the same answer and makes nothing new', async () => {
    const headers = { 'idempotency-key': 'build-881' };
    const first = await call('POST', '/api/deployments', ENV.CI_API_TOKEN, request, headers);
    const again = await call('POST', '/api/deployments', ENV.CI_API_TOKEN, request, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }))).toHaveLength(1);

    const other = await call('POST', '/api/deployments', ENV.CI_API_TOKEN, { ...request, version: 'v1.4.3' }, headers);
    expect(other).toMatchObject({ status: 422, body: { error: 'idempotency_key_reused' } });
  });

  it('records one deployment when the same key arrives twice at once', async () => {
    const headers = { 'idempotency-key': 'build-900' };
    const [a, b] = await Promise.all([call('POST', '/api/deployments', ENV.CI_API_TOKEN, request, headers), call('POST', '/api/deployments', ENV.CI_API_TOKEN, request, headers)]);
    expect(a.body.id).toBe(b.body.id);
    expect(await ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }))).toHaveLength(1);
  });
});

describe('pipeline API: GET /api/deployments/:id', () => {
  it('answers 404 for an unknown id and 403 for a deployment outside the token’s scope', async () => {
    expect((await call('GET', '/api/deployments/DEP-77', ENV.READER_TOKEN)).status).toBe(404);
    await call('POST', '/api/deployments/external', ENV.ARGO_HOOK_TOKEN, { service: 'web', env: 'production', version: 'a1b2c3d' });
    expect(await call('GET', '/api/deployments/DEP-1', ENV.CI_API_TOKEN)).toMatchObject({ status: 403, body: { message: 'The token "ci-api" may not act on the service web; it covers api.' } });
    expect(await call('GET', '/api/deployments/DEP-1', ENV.READER_TOKEN)).toMatchObject({ status: 200, body: { service: 'web' } });
  });
});

describe('pipeline API: POST /api/deployments/external', () => {
  it('records a finished deployment made outside dayops, in history and the audit log', async () => {
    const answer = await call('POST', '/api/deployments/external', ENV.ARGO_HOOK_TOKEN, {
      service: 'api',
      env: 'production',
      version: '3f9c1a7e5b2d4c8f0a6e1b9d7c5a3f2e1d0c9b8a',
      source: 'argocd',
      startedAt: '2026-01-05T08:50:00Z',
      finishedAt: '2026-01-05T08:52:00Z',
      url: 'https://argocd.example.com/applications/api-production',
    });
    expect(answer).toMatchObject({ status: 201, body: { id: 'DEP-1', state: 'succeeded' } });
    const all = await ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }));
    expect(all).toEqual([
      expect.objectContaining({ id: 'DEP-1', external: true, state: 'succeeded', startedAt: '2026-01-05T08:50:00.000Z', finishedAt: '2026-01-05T08:52:00.000Z', approvalsRequired: 0 }),
    ]);
    // Finished history: out of the hot state, still readable.
    expect(await ops.store.inspect((tx) => tx.scan('deployment'))).toEqual([]);
    expect(await ops.store.queryAudit({ target: 'DEP-1' })).toEqual([expect.objectContaining({ action: 'deployment.external', actor: { platform: 'http', userId: 'argo-hook' } })]);
    expect(await call('GET', '/api/deployments/DEP-1', ENV.ARGO_HOOK_TOKEN)).toMatchObject({ body: { external: true, url: 'https://argocd.example.com/applications/api-production' } });
  });

  it('refuses tokens without record-external, and environments outside the token’s scope', async () => {
    const body = { service: 'api', env: 'staging', version: 'v2' };
    expect(await call('POST', '/api/deployments/external', ENV.CI_API_TOKEN, body)).toMatchObject({ status: 403, body: { message: 'The token "ci-api" does not have the record-external permission.' } });
    expect(await call('POST', '/api/deployments/external', ENV.ARGO_HOOK_TOKEN, body)).toMatchObject({
      status: 403,
      body: { message: 'The token "argo-hook" may not act on the environment staging; it covers production.' },
    });
  });
});

describe('api.tokens config', () => {
  it('resolves each tokenEnv, or its _FILE, into secrets by token name', () => {
    const tokenFile = join(dir, 'reader-token');
    writeFileSync(tokenFile, 'from-file\n');
    const config = loadConfig({ CI_API_TOKEN: 'a', READER_TOKEN_FILE: tokenFile, ARGO_HOOK_TOKEN: 'c' }, file);
    expect(config.secrets.apiTokens).toEqual({ 'ci-api': 'a', reader: 'from-file', 'argo-hook': 'c' });
  });

  it('refuses to start when a configured token’s variable is not set, naming it', () => {
    expect(() => loadConfig({ CI_API_TOKEN: 'a', ARGO_HOOK_TOKEN: 'c' }, file)).toThrow(ConfigError);
    expect(() => loadConfig({ CI_API_TOKEN: 'a', ARGO_HOOK_TOKEN: 'c' }, file)).toThrow('The API token "reader" reads READER_TOKEN, which is not set; set READER_TOKEN or READER_TOKEN_FILE.');
  });

  it('resolves every secretEnv the config names for webhook engines', () => {
    const hookFile = join(dir, 'hook.yaml');
    writeFileSync(hookFile, `services:\n  api: { engine: { type: webhook, url: "https://deployer.example.com/deploy", secretEnv: API_HOOK_SECRET } }\n`);
    const config = loadConfig({ API_HOOK_SECRET: 's1', DAYOPS_DEPLOY_WEBHOOK_SECRET: 's0' }, hookFile);
    expect(config.secrets.engineSecrets).toEqual({ API_HOOK_SECRET: 's1', DAYOPS_DEPLOY_WEBHOOK_SECRET: 's0' });
  });
});
