import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config/load.js';

describe('deployment files', () => {
  it('dayops.config.example.yaml loads as a real team, not the demo', () => {
    const config = loadConfig({}, 'dayops.config.example.yaml');
    expect(config.demo).toBe(false);
    expect(config.people.map((p) => p.name)).toEqual(['maria', 'tomasz', 'priya', 'jonas']);
    expect(Object.keys(config.services)).toEqual(['api', 'web', 'billing', 'batch']);
    expect(config.services.api?.engine?.type).toBe('github-actions');
    expect(config.environments.production?.approvals).toBe(2);
    expect(config.alerts.routes.length).toBe(3);
    expect(Object.keys(config.runbooks)).toEqual(['restore-test', 'rotate-certificates']);
    expect(config.channels.incidents).toBe('discord:112233445566778899');
  });

  it('the systemd unit and the Dockerfile run `serve`, which never starts the shell', () => {
    expect(readFileSync('deploy/dayops.service', 'utf8')).toMatch(/^ExecStart=\/usr\/bin\/node bin\/dayops\.js serve$/m);
    expect(readFileSync('deploy/Dockerfile', 'utf8')).toMatch(/^CMD \["node", "bin\/dayops\.js", "serve"\]$/m);
  });
});
