import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_TOKEN, PIPELINE_TOKEN_ENV, requestDeploy, writePipelineConfig } from '../e2e/pipeline.js';
import { dayops, type DayopsProcess } from '../e2e/process.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const skip = skipWithoutPostgres();
let pg: RunningPostgres | undefined;
beforeAll(async () => {
  if (!skip) pg = await startPostgres();
}, 120_000);
afterAll(async () => pg?.stop());

/**
 * A deploy whose every start is a line in `starts` (beside the config), taking a second, so a
 * second start of the same deployment would show.
 */
function writeCountingConfig(dir: string): { config: string; starts: string } {
  const starts = join(dir, 'starts');
  const script = join(dir, 'deploy.sh');
  writeFileSync(script, `echo "$DAYOPS_DEPLOY_ID" >> '${starts}'\nsleep 1\necho done\n`);
  const config = join(dir, 'dayops.config.yaml');
  writeFileSync(
    config,
    [
      'services:',
      `  api: { engine: { type: script, command: "sh ${script}" } }`,
      'environments:',
      '  staging: { approvals: 0, requiredCategories: [] }',
      'people:',
      '  - { name: alice, roles: [deployer] }',
      'api:',
      '  tokens:',
      '    - { name: ci, tokenEnv: CI_TOKEN, permissions: [request, read] }',
    ].join('\n'),
  );
  return { config, starts };
}

function startsOf(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new postgres.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function replica(url: string, config: string): DayopsProcess {
  return dayops(['serve'], { DAYOPS_DATA_DIR: tempDir(), DAYOPS_CONFIG: config, DAYOPS_DATABASE_URL: url, DAYOPS_DEPLOY_SECONDS: '3', ...PIPELINE_TOKEN_ENV });
}

async function deploymentState(base: string, id: string): Promise<string> {
  const res = await fetch(`${base}/api/deployments/${id}`, { headers: { authorization: `Bearer ${PIPELINE_TOKEN}` } });
  return ((await res.json()) as { state: string }).state;
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skip)(`a PostgreSQL outage (${POSTGRES_SKIP_NOTE})`, { timeout: 240_000 }, () => {
  it('is survived by every replica: requests during it are refused with a sentence, and work resumes by itself after', async () => {
    const url = await pg!.createDatabase();
    const config = writePipelineConfig(tempDir());
    // One first, so the schema is created once; then two more on the same database.
    const first = replica(url, config);
    const bases = [(await first.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]!];
    const others = [replica(url, config), replica(url, config)];
    for (const r of others) bases.push((await r.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]!);
    const replicas = [first, ...others];
    expect((await requestDeploy(bases[0]!, '1.0.0')).status).toBe(201);

    // DEP-1 runs through the outage (a 3 s rollout): its end is recorded once the database is back.
    await until(async () => (await deploymentState(bases[0]!, 'DEP-1')) === 'running');
    await pg!.halt();
    const during = await requestDeploy(bases[1]!, '1.1.0');
    expect(during.status).toBe(503);
    expect(((await during.json()) as { message: string }).message).toContain('nothing was changed');
    // The outage lasts a while: every background loop meets it again and again.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await pg!.restart();

    let after: Response | undefined;
    for (let i = 0; i < 60 && after?.status !== 201; i++) {
      after = await requestDeploy(bases[2]!, '1.2.0');
      if (after.status !== 201) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(after?.status).toBe(201);
    expect(await deploymentState(bases[0]!, 'DEP-1')).toBe('succeeded');
    for (const r of replicas) {
      expect(r.alive(), r.stderr().slice(-3000)).toBe(true);
      expect(r.stderr()).not.toMatch(/Unhandled|unhandledRejection|uncaught/i);
      // Logged once per outage, not once per poll.
      expect(r.stderr().match(/could not check the shared store for jobs/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    for (const r of replicas) r.child.kill('SIGTERM');
    for (const r of replicas) expect(await r.exited).toBe(0);
  });

  it('that begins while a deployment is queued and taking its lease: the deploy starts once after it and succeeds', async () => {
    const url = await pg!.createDatabase();
    const dir = tempDir();
    const { config, starts } = writeCountingConfig(dir);
    const replicas = [replica(url, config)];
    const base = (await replicas[0]!.waitFor(/"url":"(http:\/\/[^"]+)".*dayops is listening/))[1]!;
    replicas.push(replica(url, config), replica(url, config));
    for (const r of replicas.slice(1)) await r.waitFor(/dayops is listening/);

    // Another client holds the row of DEP-1's run lease (uncommitted), so every replica's take of
    // that lease waits on PostgreSQL: DEP-1 is committed as queued and its launch is in flight.
    const holder = new postgres.Client({ connectionString: url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`INSERT INTO dayops_leases (name, owner, until) VALUES ('deploy-run:DEP-1', 'test', now() - interval '1 second')`);
    const requested = await requestDeploy(base, '2.0.0');
    expect(requested.status).toBe(201);
    expect(((await requested.json()) as { id: string }).id).toBe('DEP-1');
    await until(async () => {
      const waiting = await sql(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%dayops_leases%'`);
      return (waiting[0] as { n: number }).n > 0;
    });
    expect(await deploymentState(base, 'DEP-1')).toBe('queued');

    // The outage cuts the waiting launch off in the middle of taking its lease.
    await pg!.halt();
    await holder.end().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await pg!.restart();

    await until(async () => (await deploymentState(base, 'DEP-1').catch(() => 'unknown')) === 'succeeded', 90_000);
    expect(startsOf(starts)).toEqual(['DEP-1']);
    for (const r of replicas) {
      expect(r.alive(), r.stderr().slice(-3000)).toBe(true);
      expect(r.stderr()).not.toMatch(/Unhandled|unhandledRejection|uncaught/i);
    }
    for (const r of replicas) r.child.kill('SIGTERM');
    for (const r of replicas) expect(await r.exited).toBe(0);
    // Nothing started it again on the way out.
    expect(startsOf(starts)).toEqual(['DEP-1']);
  });
});
