import { ConfigError } from '../../bot/config/load.js';
import type { Config } from '../../bot/config/schema.js';

export const GITHUB_WEBHOOK_PATH = '/webhooks/github';

/**
 * The least the app needs (GitHub's "Creating custom deployment protection rules" asks for
 * Actions read and Deployments read and write): Deployments write answers the protection rule
 * and creates deployments and their statuses; Actions write rather than read because halting a
 * gated deployment cancels its workflow run. Metadata read comes with every app.
 */
export const APP_PERMISSIONS = { actions: 'write', deployments: 'write', metadata: 'read' } as const;

export const APP_EVENTS = ['deployment_protection_rule', 'deployment_status', 'workflow_run'] as const;

/**
 * The GitHub App manifest (JSON) for this installation: its webhook on DAYOPS_PUBLIC_URL, the
 * three events dayops acts on and the permissions they need. Paste it into GitHub's "create an
 * app from a manifest" flow (docs/github.md).
 */
export function githubAppManifest(config: Pick<Config, 'publicUrl' | 'github'>): string {
  if (!config.publicUrl) throw new ConfigError('DAYOPS_PUBLIC_URL is not set; GitHub needs the public https URL of dayops to send webhooks to (POST /webhooks/github).');
  const base = config.publicUrl.replace(/\/$/, '');
  const manifest = {
    name: config.github.appName,
    url: base,
    description: 'dayops: a custom deployment protection rule that applies dayops policy and chat approvals to GitHub Actions deployments.',
    hook_attributes: { url: `${base}${GITHUB_WEBHOOK_PATH}`, active: true },
    public: false,
    default_permissions: APP_PERMISSIONS,
    default_events: APP_EVENTS,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
