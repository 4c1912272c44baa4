import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bin/config.js';

/** The credentials the example's engines need. */
const EXAMPLE_ENV = { GITHUB_TOKEN: 'ghs_x', ARGOCD_URL: 'https://argocd.example.com', ARGOCD_TOKEN: 'argo-x', DAYOPS_DEPLOY_WEBHOOK_SECRET: 'whsec-x' };

describe('deployment files', () => {
  it('dayops.config.example.yaml loads as a real team, not the demo', () => {
    const config = loadConfig(EXAMPLE_ENV, 'dayops.config.example.yaml');
    expect(config.demo).toBe(false);
    expect(config.people.map((p) => p.name)).toEqual(['maria', 'tomasz', 'priya', 'jonas']);
    expect(Object.keys(config.services)).toEqual(['api', 'web', 'billing', 'batch']);
    expect(config.services.api?.engine?.type).toBe('github-actions');
    expect(config.environments.production?.approvals).toBe(2);
    expect(config.alerts.routes.length).toBe(3);
    expect(Object.keys(config.runbooks)).toEqual(['restore-test', 'rotate-certificates']);
    expect(config.channels.incidents).toBe('discord:112233445566778899');
  });

  it('dayops.config.example.yaml without the engines\' credentials is refused at start, naming each variable', () => {
    const load = () => loadConfig({}, 'dayops.config.example.yaml');
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/services\.api\.engine runs on GitHub Actions, but GITHUB_TOKEN is not set/);
    expect(load).toThrow(/services\.web\.engine runs on Argo CD, but ARGOCD_URL and ARGOCD_TOKEN are not both set/);
    expect(load).toThrow(/services\.billing\.engine runs on a deploy webhook signed with DAYOPS_DEPLOY_WEBHOOK_SECRET, which is not set/);
    expect(load).toThrow(/runbooks\.rotate-certificates\.engine runs on GitHub Actions/);
    const { ARGOCD_URL: _url, ...withoutUrl } = EXAMPLE_ENV;
    expect(() => loadConfig(withoutUrl, 'dayops.config.example.yaml')).toThrow(/^The configuration in dayops\.config\.example\.yaml is not valid:\n {2}- services\.web\.engine runs on Argo CD[^\n]*$/);
  });

  it('the systemd unit and the Dockerfile run `serve`, which never starts the shell', () => {
    expect(readFileSync('deploy/dayops.service', 'utf8')).toMatch(/^ExecStart=\/usr\/bin\/node bin\/dayops\.js serve$/m);
    expect(readFileSync('deploy/Dockerfile', 'utf8')).toMatch(/^CMD \["node", "bin\/dayops\.js", "serve"\]$/m);
  });
});
