import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import { TEST_SCRIPT } from '../deployments/support.js';
import { FakeMattermost } from '../support/mattermost.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export const COMMAND_TOKEN = 'xr7ngkqa3p8fjbz5m1uoyd6weh';
export const ALICE = '8b4xh3fqc7ntjrw1mzp5k9adeu';
export const BOB = 'q1w2e3r4t5y6u7i8o9p0asdfgh';
export const OPS = 'opschannel0000000000000001';
export const DEPLOYS = 'deployschannel000000000001';
export const INCIDENTS = 'incidentschannel0000000001';

export interface World {
  mm: FakeMattermost;
  app: TestApp;
  /** `/ops <text>` as Mattermost posts it (form fields from its documentation). */
  slash(text: string, options?: { user?: string; userName?: string; token?: string; triggerId?: string }): Promise<Response>;
  /** A press of the button of this post, with the context Mattermost echoes back. */
  press(postId: string, label: string, user?: string, context?: Record<string, unknown>): Promise<Response>;
}

export function mattermostEnv(mm: FakeMattermost): Record<string, string> {
  return { MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.token, MATTERMOST_COMMAND_TOKEN: COMMAND_TOKEN };
}

/** The demo team with Mattermost ids for alice and bob and Mattermost channels, as `dayops serve` loads it. */
export function mattermostConfig(mm: FakeMattermost, change: (c: Config) => void = () => {}, env: Record<string, string> = {}): Config {
  const config = structuredClone(loadConfig({ ...mattermostEnv(mm), ...env }));
  // As test/deployments/support.ts testConfig: a fast script, no readiness requirements.
  for (const service of Object.values(config.services)) service.engine = { type: 'script', command: TEST_SCRIPT, graceSeconds: 0.3 };
  for (const environment of Object.values(config.environments)) environment.requiredCategories = [];
  const ids: Record<string, string> = { alice: ALICE, bob: BOB };
  config.people = config.people.map((p) => (ids[p.name] ? { ...p, identities: { ...p.identities, mattermost: [ids[p.name] as string] } } : p));
  config.channels = { ...config.channels, ops: `mattermost:${OPS}`, deploys: `mattermost:${DEPLOYS}`, incidents: `mattermost:${INCIDENTS}` };
  change(config);
  return config;
}

/** The app as `dayops serve` builds it, with Mattermost pointed at the stand-in. */
export async function startWorld(config: (mm: FakeMattermost) => Config = (mm) => mattermostConfig(mm)): Promise<World> {
  const mm = await new FakeMattermost().start();
  const app = await startTestApp({ config: config(mm), keepChat: true });
  const { onTestFinished } = await import('vitest');
  onTestFinished(async () => {
    await app.close();
    await mm.stop();
  });
  return {
    mm,
    app,
    slash: (text, options = {}) => {
      const form = {
        channel_id: OPS,
        channel_name: 'ops',
        command: '/ops',
        response_url: `${mm.url}/hooks/commands/${options.triggerId ?? 'c1'}`,
        team_domain: 'dayops',
        team_id: 'teamid00000000000000000001',
        text,
        token: options.token ?? COMMAND_TOKEN,
        trigger_id: options.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
        user_id: options.user ?? ALICE,
        user_name: options.userName ?? 'alice',
      };
      return fetch(`${app.url}/mattermost/command`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    },
    press: (postId, label, user = BOB, context) => {
      const post = mm.posts.get(postId);
      const action = post?.props.attachments?.flatMap((a) => a.actions ?? []).find((a) => a.name === label);
      if (!post || !action) throw new Error(`no button "${label}" on post ${postId}`);
      const body = { user_id: user, user_name: user === BOB ? 'bob' : 'alice', channel_id: post.channel_id, team_id: 'teamid00000000000000000001', post_id: postId, trigger_id: `t-${Math.random()}`, type: 'button', context: context ?? action.integration.context };
      return fetch(`${app.url}/mattermost/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    },
  };
}
