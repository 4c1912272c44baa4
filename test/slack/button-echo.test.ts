import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOB, CHANNEL, FakeSlackApi, fixture, interactionBody, listenMsw, mswServer, signedPost, slashBody, slackConfig, startHarness, type Harness } from './support.js';

let h: Harness | undefined;
let api: FakeSlackApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
  mswServer.resetHandlers();
});

/** alice proposes D-1, bob presses Accept on its message: what the channel sees. */
async function pressAccept(echo: string[]): Promise<Harness> {
  api = new FakeSlackApi();
  api.install();
  const harness = (h = await startHarness({ ...slackConfig(), echoButtonReplies: echo }));
  await signedPost(harness.eventsUrl, slashBody({ text: 'decide Nightly PostgreSQL backups' }));
  await harness.settle();
  const ts = api.lastPostedTs();
  const payload = fixture<Record<string, unknown>>('block-actions');
  const press = {
    ...payload,
    user: { id: BOB, username: 'bob', name: 'bob', team_id: 'T0A1B2C3D4E' },
    container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
    message: { ...(payload.message as object), ts },
    actions: [{ action_id: 'decision.accept', block_id: 'b', type: 'button', value: 'D-1', action_ts: '1763763650.482913', text: { type: 'plain_text', text: 'Accept' } }],
  };
  await signedPost(harness.eventsUrl, interactionBody(press));
  await harness.settle();
  return harness;
}

describe('a button press on Slack', () => {
  it('leaves the edit only: no public echo unless the channel is configured for it', async () => {
    await pressAccept([]);
    expect(api.callsOf('chat.update')).toHaveLength(1);
    expect(api.responses.filter((r) => r.body.response_type === 'in_channel')).toHaveLength(0);
  });

  it('echoes the public answer in a channel listed in echoButtonReplies', async () => {
    await pressAccept([`slack:${CHANNEL}`]);
    expect(api.callsOf('chat.update')).toHaveLength(1);
    expect(api.responses.filter((r) => r.body.response_type === 'in_channel')).toHaveLength(1);
  });
});
