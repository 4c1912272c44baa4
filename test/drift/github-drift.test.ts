import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../bot/clock.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { advance, latest, startWorld, tempDir, textOf, type World } from '../reminders/support.js';
import { FIVE_MIN } from './support.js';

const REPO = 'https://api.github.com/repos/acme/api';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function githubConfig(): Config {
  const config = structuredClone(loadConfig({ GITHUB_TOKEN: 'ghp_test' }));
  config.services.api = { description: 'The public API', engine: { type: 'github-actions', owner: 'acme', repo: 'api', workflow: 'deploy.yml', ref: 'main', inputs: {}, pollSeconds: 1 } };
  config.drift = { ...config.drift, envs: ['staging'] };
  return config;
}

/** A GitHub deployment as the REST API lists it (the fields dayops reads, and a few more). */
function ghDeployment(id: number, ref: string, login: string, payload: Record<string, unknown> = {}) {
  return { id, node_id: `DE_${id}`, sha: `${String(id).padStart(4, '0')}c0ffee${'0'.repeat(29)}`, ref, task: 'deploy', payload, environment: 'staging', creator: { login, id: 1, type: 'User' }, created_at: '2026-03-02T08:30:00Z', updated_at: '2026-03-02T08:31:00Z' };
}

/** Deployments newest first, each with its newest status. */
function github(deployments: { d: ReturnType<typeof ghDeployment>; state: string }[]) {
  server.use(
    http.get(`${REPO}/deployments`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('environment')).toBe('staging');
      expect(request.headers.get('authorization')).toBe('token ghp_test');
      return HttpResponse.json(deployments.map((x) => x.d));
    }),
    http.get(`${REPO}/deployments/:id/statuses`, ({ params }) => {
      const found = deployments.find((x) => String(x.d.id) === params.id);
      return HttpResponse.json(found ? [{ id: 1, state: found.state, environment: 'staging' }] : []);
    }),
  );
}

let dir: { dir: string; remove(): Promise<void> };
let clock: ManualClock;
let world: World;
beforeEach(async () => {
  dir = await tempDir();
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  world = await startWorld(dir.dir, clock, githubConfig());
});
afterEach(async () => {
  await world.stop();
  await dir.remove();
});

const check = () => world.ops.store.read((tx) => tx.get('driftCheck', 'engine|api|staging'));

describe('drift from GitHub deployments', () => {
  it('the latest successful deployment that dayops did not make is a finding; once accepted, and for dayops’s own, none', async () => {
    github([
      { d: ghDeployment(3, 'v2.0.1', 'bob-laptop'), state: 'failure' },
      { d: ghDeployment(2, 'v2.0.0', 'octocat'), state: 'success' },
    ]);
    await advance(world, clock, FIVE_MIN);
    expect(await check()).toMatchObject({ state: 'drift', live: 'v2.0.0', group: 'ALG-1' });
    expect((await latest(world.ops, 'alert-group:ALG-1'))!.text).toBe('GitHub runs api v2.0.0 in staging by octocat, and dayops has no record of deploying it there.');

    expect(textOf(await world.say('alice', 'drift accept ALG-1 --reason released from the GitHub UI'))).toMatch(/recorded as DEP-1/);
    await advance(world, clock, FIVE_MIN);
    expect(await check()).toMatchObject({ state: 'in-sync', live: 'v2.0.0' });

    // A newer deployment dayops made (its payload names DEP-1) is dayops's own.
    github([{ d: ghDeployment(4, 'main', 'dayops[bot]', { dayops: 'DEP-1' }), state: 'success' }]);
    await advance(world, clock, FIVE_MIN);
    expect(await check()).toMatchObject({ state: 'in-sync' });
    expect(await world.ops.store.inspect((tx) => tx.scan('alertGroup'))).toEqual([]);
  });

  it('GitHub refusing the token is unknown, with its message', async () => {
    server.use(http.get(`${REPO}/deployments`, () => HttpResponse.json({ message: 'Bad credentials' }, { status: 401 })));
    await advance(world, clock, FIVE_MIN);
    expect(await check()).toMatchObject({ state: 'unknown', detail: 'GitHub could not be read: GitHub did not answer: Bad credentials' });
  });
});
