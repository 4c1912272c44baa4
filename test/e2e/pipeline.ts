import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './process.js';

export const PIPELINE_TOKEN = 'ci-secret-for-the-process-tests';
/** The variable the pipeline token is read from (`tokenEnv`). */
export const PIPELINE_TOKEN_ENV = { CI_TOKEN: PIPELINE_TOKEN };

/**
 * A config in `dir` whose api deploys to staging (no approval) run the example deploy script
 * (DAYOPS_DEPLOY_SECONDS sets its rollout), with a pipeline token; returns its path.
 */
export function writePipelineConfig(dir: string): string {
  const path = join(dir, 'dayops.config.yaml');
  writeFileSync(
    path,
    [
      'services:',
      `  api: { engine: { type: script, command: "sh ${join(ROOT, 'scripts/example-deploy.sh')}" } }`,
      'scriptEnv: [DAYOPS_DEPLOY_SECONDS]',
      'environments:',
      '  staging: { approvals: 0, requiredCategories: [] }',
      'people:',
      '  - { name: alice, roles: [deployer] }',
      'api:',
      '  tokens:',
      '    - { name: ci, tokenEnv: CI_TOKEN, permissions: [request, read] }',
    ].join('\n'),
  );
  return path;
}

/** POST /api/deployments for api `version` to staging, as a pipeline does. */
export function requestDeploy(base: string, version = '1.0.0'): Promise<Response> {
  return fetch(`${base}/api/deployments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PIPELINE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'api', version, env: 'staging', requester: 'alice' }),
  });
}
