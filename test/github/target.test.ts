import { afterEach, describe, expect, it } from 'vitest';
import { githubTarget } from '../../adapters/github/github-deployments.js';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { DeploymentRecord } from '../../data/records/deployment.js';
import { createTestOps, type TestOps } from '../support/test-ops.js';

let ops: TestOps | undefined;
afterEach(async () => {
  await ops?.close();
  ops = undefined;
});

async function opsWith(services: Record<string, unknown>, repositories: Record<string, unknown> = {}): Promise<TestOps> {
  const base = loadConfig({});
  ops = await createTestOps({ config: { ...base, services: services as Config['services'], github: { ...base.github, repositories: repositories as Config['github']['repositories'] } } });
  return ops;
}

const deployment = (over: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id: 'DEP-7',
  service: 'api',
  env: 'production',
  version: 'v1.4.2',
  requester: { platform: 'slack', userId: 'U1', displayName: 'Alice' },
  requestedFrom: { channel: 'slack:C1' },
  state: 'queued',
  history: [],
  approvals: [],
  approvalsRequired: 0,
  logTail: [],
  notes: 0,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  ...over,
});

const gha = { type: 'github-actions', owner: 'acme', repo: 'api', workflow: 'deploy.yml', ref: 'release', inputs: {}, pollSeconds: 10 };

describe('which GitHub repository shows a dayops deploy', () => {
  it('is the github-actions engine repository, at the commit when known, else the workflow ref', async () => {
    const o = await opsWith({ api: { engine: gha } });
    expect(githubTarget(o, deployment())).toEqual({ owner: 'acme', repo: 'api', environment: 'production', ref: 'release' });
    expect(githubTarget(o, deployment({ commitSha: '3f9c1a7e5b2d' }))?.ref).toBe('3f9c1a7e5b2d');
  });

  it('is the repository github.repositories maps to the service, under the GitHub name of the environment, at the version', async () => {
    const o = await opsWith({ api: {} }, { 'acme/api-repo': { service: 'api', environments: { prod: 'production' } } });
    expect(githubTarget(o, deployment())).toEqual({ owner: 'acme', repo: 'api-repo', environment: 'prod', ref: 'v1.4.2' });
  });

  it('is none for a service without a repository, a gated deployment or a recorded one', async () => {
    const o = await opsWith({ api: { engine: gha }, web: {} });
    expect(githubTarget(o, deployment({ service: 'web' }))).toBeUndefined();
    expect(githubTarget(o, deployment({ external: true }))).toBeUndefined();
    expect(githubTarget(o, deployment({ runsOn: { type: 'github-gate' } }))).toBeUndefined();
  });
});
