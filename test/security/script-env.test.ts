import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { createLogger } from '../../bot/log.js';
import { buildApp, type App } from '../../bin/app.js';

/** Secrets under names no pattern would guess: only the config says they are secrets. */
const SECRETS = {
  CI_PIPELINE_KEY: 'FAKE-ci-pipeline-key-1234',
  HOOK_SIGNING_KEY: 'FAKE-hook-signing-key-5678',
  DATABASE_PASSWORD_FOR_BOT: 'FAKE-db-password-9012',
};

let app: App;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dayops-script-env-'));
  const config = {
    // Passed on purpose: it is printed, and must still be censored where the output goes.
    scriptEnv: ['CI_PIPELINE_KEY', 'EXTRA_SETTING'],
    services: {
      api: { engine: { type: 'script', command: 'env | sort; echo "key=$CI_PIPELINE_KEY hook=$HOOK_SIGNING_KEY"', graceSeconds: 1 } },
      web: { engine: { type: 'webhook', url: 'http://127.0.0.1:9/deploy', secretEnv: 'HOOK_SIGNING_KEY' } },
    },
    environments: { staging: { protected: false, approvals: 0, requiredCategories: [] } },
    people: [{ name: 'alice', roles: ['deployer'] }],
    api: { tokens: [{ name: 'ci', tokenEnv: 'CI_PIPELINE_KEY', permissions: ['read'] }] },
  };
  await writeFile(join(dir, 'dayops.config.json'), JSON.stringify(config));
  const env = {
    PATH: process.env.PATH,
    HOME: '/home/ops',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    EXTRA_SETTING: 'extra-ok',
    UNLISTED_SETTING: 'not-for-scripts',
    ...SECRETS,
    DAYOPS_DATABASE_URL_UNUSED: `postgres://bot:${SECRETS.DATABASE_PASSWORD_FOR_BOT}@db/dayops`,
    DAYOPS_CONFIG: join(dir, 'dayops.config.json'),
    DAYOPS_DATA_DIR: join(dir, 'data'),
    DAYOPS_PORT: '0',
  };
  const loaded = loadConfig(env);
  const sink = new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) });
  app = await buildApp({ config: loaded, log: createLogger('trace', sink, loaded.secretValues), mode: 'service' });
  const answer = await app.router.handleCommand({ actor: { platform: 'shell', userId: 'alice', displayName: 'alice' }, place: { channel: 'shell:ops' }, text: 'deploy api 1.0.0 to staging' });
  expect(answer.failed).toBeFalsy();
  await app.ops.deployRunner.whenIdle();
  await app.ops.activity.whenIdle(10_000);
  // Also log a secret outright, as a careless error message would.
  app.ops.log.warn({ detail: `the hook answered with ${SECRETS.HOOK_SIGNING_KEY}` }, `token ${SECRETS.CI_PIPELINE_KEY} refused`);
}, 60_000);

afterAll(async () => {
  await app?.stop(1000);
  await rm(dir, { recursive: true, force: true });
});

async function output(): Promise<string[]> {
  const d = await app.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
  expect(d?.state).toBe('succeeded');
  return d?.logTail ?? [];
}

async function dataFiles(at: string): Promise<string> {
  let all = '';
  for (const entry of await readdir(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    all += entry.isDirectory() ? await dataFiles(path) : await readFile(path, 'utf8');
  }
  return all;
}

describe('the environment a deploy script gets', () => {
  it('holds the allow-listed variables and those the config passes by name, and no secret it was not given', async () => {
    const lines = await output();
    expect(lines).toEqual(expect.arrayContaining(['HOME=/home/ops', 'LANG=C.UTF-8', 'LC_ALL=C.UTF-8', 'EXTRA_SETTING=extra-ok', 'DAYOPS_SERVICE=api', 'DAYOPS_DEPLOY_ID=DEP-1']));
    expect(lines.filter((l) => /^(UNLISTED_SETTING|HOOK_SIGNING_KEY|DATABASE_PASSWORD_FOR_BOT|DAYOPS_CONFIG|DAYOPS_DATA_DIR|DAYOPS_DATABASE_URL_UNUSED)=/.test(l))).toEqual([]);
    // The engine secret was never in its environment; the token passed on purpose is printed, censored.
    expect(lines).toContain('key=[redacted] hook=');
  });

  it('censors every configured secret by value in the stored records, the outbox and the log', async () => {
    const files = await dataFiles(join(dir, 'data'));
    expect(files).toContain('key=[redacted]');
    const log = logs.join('');
    expect(log).toContain('token [redacted] refused');
    for (const [name, value] of Object.entries(SECRETS)) {
      expect([name, files.includes(value)]).toEqual([name, false]);
      expect([name, log.includes(value)]).toEqual([name, false]);
    }
  });
});
