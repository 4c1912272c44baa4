import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../adapters/deploy/webhook/signature.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres } from '../support/postgres.js';
import { ALICE, startCluster, waitFor, type Cluster, type Replica } from './cluster.js';

const skip = skipWithoutPostgres();
const SECRET = 'FAKE-replica-deploy-webhook-secret';

interface Started {
  id: string;
  callbackUrl: string;
}

/**
 * Three `dayops serve` replicas on one PostgreSQL and a deploy service (a webhook engine) in this
 * process. The replica that queued the deployment follows it; the deploy service reports to the
 * others, as a load balancer in front of the replicas would send it.
 */
describe.skipIf(skip)(`webhook-engine callbacks on any of three replicas${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let cluster: Cluster;
  let db: pg.Client;
  let deployService: Server;
  const started: Started[] = [];

  beforeAll(async () => {
    deployService = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        started.push(JSON.parse(body) as Started);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((ok) => deployService.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(deployService.address() as AddressInfo).port}/deploy`;
    cluster = await startCluster({
      replicas: 3,
      configure: (config) => ({ ...config, services: { ...(config.services as object), web: { engine: { type: 'webhook', url } } } }),
      env: { DAYOPS_DEPLOY_WEBHOOK_SECRET: SECRET },
    });
    db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
    await new Promise((ok) => deployService?.close(ok));
  }, 30_000);

  const deployment = async (id: string) =>
    (await db.query<{ doc: { state: string; logTail: string[] } }>("SELECT doc FROM dayops_records WHERE kind = 'deployment' AND id = $1", [id])).rows[0]?.doc;
  const audits = async (action: string, id: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM dayops_audit WHERE event->>'action' = $1 AND target = $2`, [action, id])).rows[0]!.n);

  /** A callback signed as the deploy service signs it, to the replica given (not the one in callbackUrl). */
  const signed = (report: object, at = Math.floor(Date.now() / 1000)) => {
    const body = JSON.stringify(report);
    return { body, headers: { 'content-type': 'application/json', 'x-dayops-timestamp': String(at), 'x-dayops-signature': sign(SECRET, String(at), body) } };
  };
  const callback = (replica: Replica, id: string, request: ReturnType<typeof signed>) =>
    fetch(`${replica.url}/api/deployments/${id}/events`, { method: 'POST', headers: request.headers, body: request.body });

  it('accepts a valid callback on a replica that does not follow the run, advances the deployment once, and refuses a forged one', async () => {
    const [first, second, third] = cluster.replicas as [Replica, Replica, Replica];
    expect((await cluster.slash(first, ALICE, 'deploy web 1.0.0 to staging')).status).toBe(200);
    const run = await waitFor('the deploy service to be called', 20_000, () => started[0]);
    const id = run.id;
    await waitFor(`${id} running`, 20_000, async () => ((await deployment(id))?.state === 'running' ? true : undefined));

    const forged = { ...signed({ status: 'failed' }), headers: { ...signed({ status: 'failed' }).headers, 'x-dayops-signature': `sha256=${'0'.repeat(64)}` } };
    expect((await callback(second, id, forged)).status).toBe(401);

    expect((await callback(second, id, signed({ line: 'rolled out 1 of 2' }))).status).toBe(202);
    const done = signed({ status: 'succeeded', message: 'Rolled out 2/2' });
    expect((await callback(third, id, done)).status).toBe(202);
    // The same signed callback redelivered to another replica is acknowledged and not applied again.
    const again = await callback(second, id, done);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: true, duplicate: true });

    const d = await waitFor(`${id} succeeded`, 20_000, async () => {
      const doc = await deployment(id);
      return doc?.state === 'succeeded' ? doc : undefined;
    });
    expect(d.logTail.filter((l) => l === 'rolled out 1 of 2')).toHaveLength(1);
    expect(await audits('deployment.succeeded', id)).toBe(1);
    expect(await audits('deployment.failed', id)).toBe(0);

    // A later, differently signed report of another outcome changes nothing, whichever replica gets it.
    for (const replica of [first, second, third]) {
      const late = await callback(replica, id, signed({ status: 'failed', message: 'late' }, Math.floor(Date.now() / 1000) - 1));
      expect([202, 404]).toContain(late.status);
    }
    await waitFor(`${id} to stay succeeded after the late reports`, 10_000, async () => ((await deployment(id))?.state === 'succeeded' ? true : undefined));
    expect(await audits('deployment.succeeded', id)).toBe(1);
    expect(await audits('deployment.failed', id)).toBe(0);
  }, 90_000);
});
