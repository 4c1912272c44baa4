import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bin/config.js';

const dir = mkdtempSync(join(tmpdir(), 'dayops-github-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `c-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('GitHub App config', () => {
  it('reads the app id, the private key (with \\n escapes) and the webhook secret, and keeps them from deploy scripts', () => {
    const config = loadConfig({ GITHUB_APP_ID: '42', GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----', GITHUB_WEBHOOK_SECRET: 's3cret', PATH: '/bin' });
    expect(config.secrets.githubApp).toEqual({ appId: '42', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----', webhookSecret: 's3cret' });
    expect(Object.keys(config.childEnv)).toEqual(['PATH']);
    expect(config.secretValues).toEqual(expect.arrayContaining(['s3cret', config.secrets.githubApp!.privateKey!]));
  });

  it('reads the private key from GITHUB_APP_PRIVATE_KEY_FILE', () => {
    const key = join(dir, 'key.pem');
    writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\nxyz\n-----END RSA PRIVATE KEY-----\n');
    expect(loadConfig({ GITHUB_APP_PRIVATE_KEY_FILE: key }).secrets.githubApp?.privateKey).toBe('-----BEGIN RSA PRIVATE KEY-----\nxyz\n-----END RSA PRIVATE KEY-----');
  });

  it('maps repositories to services, and names the key of a bad entry', () => {
    const config = loadConfig({}, file('services: { api: {} }\ngithub:\n  repositories:\n    acme/api: { service: api, environments: { prod: production } }\n'));
    expect(config.github.repositories['acme/api']).toEqual({ service: 'api', environments: { prod: 'production' } });
    expect(() => loadConfig({}, file('github:\n  repositories:\n    not-a-repo: { service: api }\n'))).toThrow(ConfigError);
    expect(() => loadConfig({}, file('github:\n  repositories:\n    not-a-repo: { service: api }\n'))).toThrow(/github\.repositories/);
  });
});
