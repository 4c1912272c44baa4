import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { createLogger } from '../../bot/log.js';
import type { Actor } from '../../bot/model.js';
import { buildApp, type App } from '../../bin/app.js';
import { mountSmallFs } from '../support/small-fs.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const alice: Actor = { platform: 'shell', userId: 'alice', displayName: 'alice' };

/** The app as `dayops serve` builds it, with its HTTP server started (no scheduler or outbox). */
async function serve(env: Record<string, string>): Promise<{ app: App; url: string; logs: string[] }> {
  const logs: string[] = [];
  const sink = new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) });
  const config = loadConfig({ DAYOPS_CONFIG: '', DAYOPS_PORT: '0', DAYOPS_DATA_DIR: tempDir(), ...env });
  const app = await buildApp({ config, log: createLogger('info', sink), mode: 'service' });
  onTestFinished(() => app.stop(1000).catch(() => undefined));
  const { url } = await app.http.start();
  return { app, url, logs };
}

async function readyz(url: string): Promise<{ status: number; store: string }> {
  const res = await fetch(`${url}/readyz`);
  const body = (await res.json()) as { parts: Record<string, string> };
  return { status: res.status, store: body.parts.store! };
}

const decide = (app: App, title: string) => app.router.handleCommand({ actor: alice, place: { channel: 'shell:ops' }, text: `decide ${title} --category database` });

const fsReason = (() => {
  const probe = mountSmallFs(64);
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return undefined;
})();

describe.skipIf(fsReason !== undefined)(`readiness with the file store on a real small file system${fsReason ? ` (skipped: ${fsReason})` : ''}`, () => {
  it('is not ready while the disk is full, refuses commands saying so, and is ready again once space is freed', async () => {
    const fs = mountSmallFs(512);
    if (typeof fs === 'string') throw new Error(fs);
    onTestFinished(() => fs.unmount());
    const { app, url } = await serve({ DAYOPS_DATA_DIR: join(fs.dir, 'data') });
    expect(await readyz(url)).toEqual({ status: 200, store: 'ok' });
    expect((await decide(app, 'Before the disk filled')).failed).toBeFalsy();

    fs.fill();
    expect(await readyz(url)).toEqual({ status: 503, store: expect.stringMatching(/^the disk holding .* is full \(\d+ bytes free\); writes are refused until space is freed$/) });
    const refused = await app.router.handleCommand({ actor: alice, place: { channel: 'shell:ops' }, text: `decide While full --category database --context ${'x'.repeat(3900)}` });
    expect(refused.failed).toBe(true);
    expect(refused.message.text).toBe('dayops cannot save changes: the disk is full (ENOSPC) where it keeps its data; nothing was changed.');
    expect((await fetch(`${url}/metrics`)).status).toBe(200);

    fs.free();
    expect(await readyz(url)).toEqual({ status: 200, store: 'ok' });
    expect((await decide(app, 'After space was freed')).failed).toBeFalsy();
    const titles = (await app.ops.store.inspect((tx) => tx.scan('decision'))).map((d) => d.title);
    expect(titles).toEqual(['Before the disk filled', 'After space was freed']);
  });
});

const pgSkip = skipWithoutPostgres();

describe.skipIf(pgSkip)(`metrics during a database outage${pgSkip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  it('/metrics answers 200 with the store marked unreachable while PostgreSQL is stopped; /readyz says not ready', async () => {
    const server = await startPostgres();
    onTestFinished(() => server.stop());
    const { url } = await serve({ DAYOPS_DATABASE_URL: await server.createDatabase() });
    let text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^dayops_store_reachable 1$/m);
    expect(text).toMatch(/^dayops_outbox_depth 0$/m);

    await server.stop();
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    text = await res.text();
    expect(text).toMatch(/^dayops_store_reachable 0$/m);
    expect(text).toMatch(/^dayops_outbox_depth 0$/m);
    expect(await readyz(url)).toMatchObject({ status: 503 });
  });
});
