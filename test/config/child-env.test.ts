import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config/load.js';

describe('the environment scripts run with', () => {
  it('keeps the process environment but none of the bot\'s own credentials', () => {
    const config = loadConfig({
      PATH: '/usr/bin',
      HOME: '/home/ops',
      GITHUB_TOKEN: 'ghp_the-bots-own',
      DEPLOY_KEY_PATH: '/etc/deploy/key',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      DISCORD_TOKEN: 'd',
      DAYOPS_WEBHOOK_TOKEN: 'w',
      DAYOPS_GRAFANA_SECRET: 'g',
      DAYOPS_DATABASE_URL: 'postgres://u:p@h/db',
      ARGOCD_TOKEN: 'a',
      DAYOPS_TIMEZONE: 'UTC',
    });
    expect(config.childEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/ops', DEPLOY_KEY_PATH: '/etc/deploy/key', DAYOPS_TIMEZONE: 'UTC' });
  });
});
