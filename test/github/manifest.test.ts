import { describe, expect, it } from 'vitest';
import { githubAppManifest } from '../../adapters/github/manifest.js';
import { ConfigError, loadConfig } from '../../bin/config.js';

describe('dayops github-app-manifest', () => {
  it('subscribes to the three events with the least permissions they need, and posts to /webhooks/github', () => {
    const manifest = JSON.parse(githubAppManifest(loadConfig({ DAYOPS_PUBLIC_URL: 'https://dayops.example.com/' }))) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'dayops',
      url: 'https://dayops.example.com',
      hook_attributes: { url: 'https://dayops.example.com/webhooks/github', active: true },
      public: false,
      default_events: ['deployment_protection_rule', 'deployment_status', 'workflow_run'],
      default_permissions: { actions: 'write', deployments: 'write', metadata: 'read' },
    });
    expect(Object.keys(manifest.default_permissions as object).sort()).toEqual(['actions', 'deployments', 'metadata']);
  });

  it('says which variable to set when dayops has no public URL', () => {
    expect(() => githubAppManifest(loadConfig({}))).toThrow(ConfigError);
    expect(() => githubAppManifest(loadConfig({}))).toThrow(/DAYOPS_PUBLIC_URL/);
  });
});
