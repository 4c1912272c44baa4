import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';

describe('the environment scripts run with', () => {
  it('keeps only the allow-listed variables and those scriptEnv names, none of the bot\'s own credentials', () => {
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
      LC_TIME: 'de_DE.UTF-8',
      HTTPS_PROXY: 'http://proxy:3128',
    });
    expect(config.childEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/ops', LC_TIME: 'de_DE.UTF-8', HTTPS_PROXY: 'http://proxy:3128' });
  });
});
