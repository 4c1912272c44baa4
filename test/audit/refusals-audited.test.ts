import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../bin/app.js';
import { loadConfig } from '../../bin/config.js';
import { silentLogger } from '../../bot/log.js';
import type { AuditEvent } from '../../data/store.js';

const CONFIG = {
  services: { api: { engine: { type: 'script', command: 'true' } }, web: { engine: { type: 'script', command: 'true' } } },
  environments: {
    staging: { approvals: 1, requiredCategories: [] },
    // Production keeps its default readiness: four accepted decisions, none recorded here.
    production: { protected: true },
  },
  people: [
    { name: 'alice', roles: ['author', 'deployer', 'deployer@production'] },
    { name: 'bob', roles: ['deployer', 'approver'] },
    { name: 'carol', roles: [] },
  ],
  api: { tokens: [{ name: 'ci', tokenEnv: 'CI_TOKEN', services: ['api'], permissions: ['request', 'read'] }] },
};
const ENV = { CI_TOKEN: 'ci-token-123', DAYOPS_WEBHOOK_TOKEN: 'hook-token-456' };

describe('every refused state change is one audit entry, from every surface', () => {
  let dir: string;
  let app: App;
  let base: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dayops-refusals-'));
    await writeFile(join(dir, 'dayops.config.json'), JSON.stringify(CONFIG));
    const config = loadConfig({ ...ENV, DAYOPS_CONFIG: join(dir, 'dayops.config.json'), DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0' });
    app = await buildApp({ config, log: silentLogger, mode: 'service' });
    base = (await app.start()).url;
  });
  afterAll(async () => {
    await app?.stop(2000);
    await rm(dir, { recursive: true, force: true });
  });

  const say = (person: string, text: string) =>
    app.router.handleCommand({ actor: { platform: 'shell', userId: person, displayName: person }, place: { channel: 'shell:ops' }, text });
  const post = (path: string, body: unknown, token: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** The audit entries written by `fn`, oldest first. */
  async function auditedBy(fn: () => Promise<unknown>): Promise<AuditEvent[]> {
    const before = (await app.ops.store.queryAudit({ limit: 10_000 })).length;
    await fn();
    const all = await app.ops.store.queryAudit({ limit: 10_000 });
    return all.slice(0, all.length - before).reverse();
  }
  const refusal = (platform: string, person: string | undefined, action: string, target: string | undefined, reason: RegExp) =>
    expect.objectContaining({
      platform,
      action,
      outcome: 'refused',
      ...(target ? { target } : {}),
      ...(person ? { actor: expect.objectContaining({ person }) as unknown } : {}),
      summary: expect.stringMatching(reason) as unknown,
    });

  it('lock, unlock and resume refused in chat', async () => {
    expect((await say('alice', 'lock staging')).failed).toBeFalsy();
    expect(await auditedBy(() => say('bob', 'lock staging'))).toEqual([refusal('shell', 'bob', 'env.lock', 'staging', /already locked by alice/)]);
    expect(await auditedBy(() => say('bob', 'unlock staging'))).toEqual([refusal('shell', 'bob', 'env.unlock', 'staging', /only they or an admin may unlock it/)]);
    expect(await auditedBy(() => say('alice', 'resume staging'))).toEqual([refusal('shell', 'alice', 'line.resume', 'staging', /not halted/)]);
    expect(await auditedBy(() => say('carol', 'resume staging'))).toEqual([refusal('shell', 'carol', 'resume', 'staging', /needs the halt permission in staging/)]);
    await say('alice', 'unlock staging');
  });

  it('a refusal from a command without its own audit name is written once, by the router; a lookup that finds nothing is none', async () => {
    await say('alice', 'decide "Use PostgreSQL" --category database');
    expect((await say('carol', 'decision accept D-1')).failed).toBe(true);
    await say('alice', 'decision accept D-1');
    expect(await auditedBy(() => say('alice', 'decision accept D-1'))).toEqual([refusal('shell', 'alice', 'decision accept', 'D-1', /accepted/)]);
    expect(await auditedBy(() => say('bob', 'approve DEP-99'))).toEqual([]);
  });

  it('pipeline API: 403 out of scope, 409 readiness and 409 one in flight', async () => {
    const scope = await auditedBy(async () => expect((await post('/api/deployments', { service: 'web', version: '1.0.0', env: 'staging', requester: 'alice' }, ENV.CI_TOKEN)).status).toBe(403));
    expect(scope).toEqual([refusal('http', 'alice', 'deployment.request', 'web@staging', /may not act on the service web/)]);
    const readiness = await auditedBy(async () => expect((await post('/api/deployments', { service: 'api', version: '1.0.0', env: 'production', requester: 'alice' }, ENV.CI_TOKEN)).status).toBe(409));
    expect(readiness).toEqual([refusal('http', 'alice', 'deployment.request', 'api@production', /decision/)]);
    expect((await post('/api/deployments', { service: 'api', version: '1.0.0', env: 'staging', requester: 'alice' }, ENV.CI_TOKEN)).status).toBe(201);
    const inFlight = await auditedBy(async () => expect((await post('/api/deployments', { service: 'api', version: '1.0.1', env: 'staging', requester: 'alice' }, ENV.CI_TOKEN)).status).toBe(409));
    expect(inFlight).toEqual([refusal('http', 'alice', 'deployment.request', 'api@staging', /DEP-/)]);
    expect(inFlight[0]?.actor).toMatchObject({ platform: 'http', userId: 'ci' });
  });

  it('an alert webhook with the right token but a payload dayops cannot read; a wrong token leaves no entry', async () => {
    const bad = await auditedBy(async () => expect((await post('/webhooks/alertmanager', { alerts: 'nope' }, ENV.DAYOPS_WEBHOOK_TOKEN)).status).toBe(400));
    expect(bad).toEqual([refusal('webhook', undefined, 'alerts.ingest', undefined, /not a alertmanager alert payload|alertmanager/)]);
    expect(await auditedBy(async () => expect((await post('/webhooks/alertmanager', { alerts: [] }, 'wrong')).status).toBe(401))).toEqual([]);
  });
});
