import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../bot/config/schema.js';
import { ALICE, CHANNEL, FakeSlackApi, fixture, interactionBody, listenMsw, mswServer, signedPost, slashBody, slackConfig, startHarness, TEAM, type Harness } from './support.js';

const OTHER_TEAM = 'T0STRANGER9';
let h: Harness | undefined;
let api: FakeSlackApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
  mswServer.resetHandlers();
});

async function start(config: Config = slackConfig()): Promise<Harness> {
  api = new FakeSlackApi();
  api.install();
  h = await startHarness(config);
  return h;
}

async function decisions(harness: Harness) {
  return harness.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
}

function press(team: string) {
  const payload = fixture<Record<string, unknown>>('block-actions');
  return {
    ...payload,
    team: { id: team, domain: 'elsewhere' },
    user: { id: ALICE, username: 'alice', name: 'alice', team_id: team },
    actions: [{ action_id: 'decision.accept', block_id: 'b', type: 'button', value: 'D-1', action_ts: '1763763650.482913', text: { type: 'plain_text', text: 'Accept' } }],
  };
}

describe('Slack requests from another workspace', () => {
  it('refuses a slash command from a workspace other than the bot token’s, with one sentence and nothing read or changed', async () => {
    const harness = await start();
    const res = await signedPost(harness.eventsUrl, slashBody({ team_id: OTHER_TEAM, text: 'decide Leak the backups' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/does not serve this Slack workspace/) });
    await harness.settle();
    expect(await decisions(harness)).toHaveLength(0);
    expect(api.callsOf('chat.postMessage')).toHaveLength(0);
    expect(api.responses).toHaveLength(0);
    // The served workspace was learned from the bot token, once.
    expect(api.callsOf('auth.test')).toHaveLength(1);
  });

  it('still serves its own workspace, learned from auth.test', async () => {
    const harness = await start();
    await signedPost(harness.eventsUrl, slashBody({ team_id: TEAM, text: 'decide Nightly backups' }));
    await harness.settle();
    expect(await decisions(harness)).toHaveLength(1);
  });

  it('refuses a button press from another workspace privately, and drops its events', async () => {
    const harness = await start();
    await signedPost(harness.eventsUrl, interactionBody(press(OTHER_TEAM)));
    const mention = fixture<Record<string, unknown>>('event-app-mention');
    const event = {
      ...mention,
      team_id: OTHER_TEAM,
      event_id: 'Ev0STRANGER1',
      authorizations: [{ enterprise_id: null, team_id: OTHER_TEAM, user_id: 'U0BOT5678XY', is_bot: true, is_enterprise_install: false }],
    };
    const res = await signedPost(harness.eventsUrl, JSON.stringify(event), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    await harness.settle();
    expect(api.responses.map((r) => r.body)).toEqual([{ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/does not serve/) }]);
    expect(api.callsOf('chat.postMessage')).toHaveLength(0);
    expect(api.callsOf('chat.postEphemeral')).toHaveLength(0);
  });

  it('uses the configured workspace and Enterprise Grid org instead of asking auth.test', async () => {
    const config = { ...slackConfig(), slack: { teamId: 'T0CONFIGURED', enterpriseId: 'E0GRID12345' } };
    const harness = await start(config);
    // The token's own team is not the configured one: refused.
    await signedPost(harness.eventsUrl, slashBody({ team_id: TEAM, text: 'decide One' }));
    // The configured team but no enterprise: refused.
    await signedPost(harness.eventsUrl, slashBody({ team_id: 'T0CONFIGURED', text: 'decide Two', trigger_id: 't2' }));
    await signedPost(harness.eventsUrl, slashBody({ team_id: 'T0CONFIGURED', enterprise_id: 'E0GRID12345', text: 'decide Three', trigger_id: 't3' }));
    await harness.settle();
    expect((await decisions(harness)).map((d) => d.title)).toEqual(['Three']);
    expect(api.callsOf('auth.test')).toHaveLength(0);
    expect(api.callsOf('chat.postMessage')[0]).toMatchObject({ channel: CHANNEL });
  });
});
