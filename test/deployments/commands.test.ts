import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol, harness, testConfig, text, until, type Harness } from './support.js';

let h: Harness;
let server: Server | undefined;
afterEach(async () => {
  await h?.idle();
  await h?.ops.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

async function summaryButtons(id: string): Promise<string[]> {
  const rows = await h.ops.store.inspect((tx) => tx.scan('outbox', { where: (o) => o.key === `deployment:${id}` }));
  return ((rows[0]?.message.buttons ?? []) as { action: string }[]).map((b) => b.action);
}

describe('deploy commands', () => {
  it('halt <id> stops a running deployment; the summary shows Halt while it runs', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0-slow to staging');
    await until(async () => (await h.deployment('DEP-1')).state === 'running');
    expect(await summaryButtons('DEP-1')).toEqual(['deploy.halt']);
    expect(text(await h.say(alice, 'halt DEP-1 --reason wrong build'))).toContain('DEP-1 halted: api 1.0.0-slow in staging.');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('halted');
    expect(d.result).toBe('halted by alice: wrong build');
    expect(await summaryButtons('DEP-1')).toEqual([]);
    expect(text(await h.say(alice, 'halt DEP-1'))).toContain('DEP-1 was halted, so it cannot be halted.');
  });

  it('the Halt button halts, and needs halt in that environment', async () => {
    h = await harness();
    await h.say(alice, 'deploy web 1.0.0-slow to staging');
    await until(async () => (await h.deployment('DEP-1')).state === 'running');
    expect(text(await h.press(carol, 'deploy.halt', 'DEP-1'))).toContain('You need the halt permission in staging');
    expect(text(await h.press(bob, 'deploy.halt', 'DEP-1'))).toContain('DEP-1 halted.');
    await h.idle();
    expect((await h.deployment('DEP-1')).state).toBe('halted');
  });

  it('deploys lists history newest first; deploy-status shows history and output; status shows what runs where', async () => {
    h = await harness();
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    await h.say(alice, 'deploy web 2.0.0 to staging');
    await h.idle();
    const list = text(await h.say(carol, 'deploys api staging'));
    expect(list).toContain('DEP-1 · api 1.0.0 → staging · succeeded · alice');
    expect(list).not.toContain('DEP-2');
    const all = text(await h.say(carol, 'deploys'));
    expect(all.indexOf('DEP-2')).toBeLessThan(all.indexOf('DEP-1'));
    const status = text(await h.say(carol, 'deploy-status 1'));
    expect(status).toContain('History: 09:00:00 requested (alice)');
    expect(status).toContain('Output: deploying api 1.0.0 to staging as DEP-1\ndone');
    const where = text(await h.say(carol, 'status'));
    expect(where).toContain('staging: api: 1.0.0 (DEP-1)\nweb: 2.0.0 (DEP-2)');
    expect(where).toContain('production: api: never deployed');
    expect(text(await h.say(carol, 'status qa'))).toContain('There is no environment "qa"');
  });

  it('refuses deploy without the deploy permission in a protected environment', async () => {
    h = await harness();
    expect(text(await h.say(carol, 'deploy api 1.0.0 to staging'))).toContain('You need the deploy permission in staging');
    expect(text(await h.say(carol, 'deploy api 1.0.0 to production'))).toContain('You need the deploy permission in production');
  });

  it('lock, unlock, freeze and resume say what is wrong', async () => {
    h = await harness();
    await h.say(alice, 'lock staging');
    expect(text(await h.say(bob, 'lock staging'))).toContain('staging is already locked by Alice');
    expect(text(await h.say(alice, 'deploy api 1.0.0 to staging'))).toContain('DEP-1');
    expect(text(await h.say(alice, 'unlock staging'))).toContain('staging is unlocked.');
    expect(text(await h.say(alice, 'unlock staging'))).toContain('staging is not locked.');
    expect(text(await h.say(bob, 'freeze staging --reason x'))).toContain('A freeze needs --until');
    expect(text(await h.say(bob, 'freeze staging --from 2026-01-05T12:00:00Z --until 2026-01-05T11:00:00Z --reason x'))).toContain('before it starts');
    expect(text(await h.say(bob, 'freeze staging --cron "0 18 * * FRI" --reason x'))).toContain('needs --duration');
    expect(text(await h.say(bob, 'unfreeze FRZ-9'))).toContain('There is no freeze FRZ-9');
    expect(text(await h.say(bob, 'freezes'))).toContain('No freezes.');
    expect(text(await h.say(bob, 'resume staging'))).toContain('The line in staging is not halted.');
  });
});

describe('pre-deploy step and health check', () => {
  async function healthServer(status: () => number): Promise<string> {
    server = createServer((_req, res) => res.writeHead(status()).end());
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  }

  it('runs the pre-deploy step first, then the deployment, then the health check', async () => {
    const url = await healthServer(() => 200);
    h = await harness(
      testConfig((c) => {
        c.services.api!.preDeploy = { type: 'script', command: 'echo "backup for $DAYOPS_DEPLOY_ID ($DAYOPS_PURPOSE)"', graceSeconds: 1 };
        c.services.api!.healthCheck = { url, timeoutSeconds: 2, intervalSeconds: 0.05 };
      }),
    );
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('succeeded');
    expect(d.preDeploy?.status).toBe('succeeded');
    expect(d.health?.status).toBe('succeeded');
    expect(d.logTail[0]).toBe('backup for DEP-1 (pre-deploy)');
  });

  it('a failing pre-deploy step stops the deployment', async () => {
    h = await harness(testConfig((c) => (c.services.api!.preDeploy = { type: 'script', command: 'echo no space; exit 2', graceSeconds: 1 })));
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d).toMatchObject({ state: 'failed', result: 'the pre-deploy step failed: the script exited with code 2' });
    expect(d.logTail).not.toContain('done');
  });

  it('a failing health check marks the deployment failed and offers Rollback', async () => {
    const url = await healthServer(() => 503);
    h = await harness(testConfig((c) => (c.services.api!.healthCheck = { url, timeoutSeconds: 0.3, intervalSeconds: 0.05 })));
    await h.say(alice, 'deploy api 1.0.0 to staging');
    await h.idle();
    const d = await h.deployment('DEP-1');
    expect(d.state).toBe('failed');
    expect(d.result).toContain('the health check failed');
    expect(d.result).toContain('HTTP 503');
    expect(await summaryButtons('DEP-1')).toEqual(['deploy.rollback']);
  });
});
