import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, FakeSlackApi, listenMsw, mswServer, signedPost, slashBody, slackConfig, startHarness, type Harness } from './support.js';

const OPS = 'C0OPSNOTICE';
let h: Harness;
let api: FakeSlackApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeSlackApi();
  api.install();
  const base = slackConfig();
  h = await startHarness({ ...base, channels: { ...base.channels, ops: `slack:${OPS}` } });
});
afterEach(async () => {
  await h.close();
  mswServer.resetHandlers();
});

const refused = (error: string) => () => HttpResponse.json({ ok: false, error });

async function decide(title: string): Promise<void> {
  expect((await signedPost(h.eventsUrl, slashBody({ text: `decide ${title}` }))).status).toBe(200);
  await h.settle();
}

function postsTo(channel: string) {
  return api.callsOf('chat.postMessage').filter((p) => p.channel === channel);
}

async function undeliverable() {
  return h.ops.store.inspect((tx) => tx.scan('undeliverable'));
}

describe('Slack messages the platform refuses', () => {
  it('joins a public channel it is not in (channels:join) and posts again', async () => {
    api.answerNext('chat.postMessage', refused('not_in_channel'));
    await decide('Nightly backups');
    expect(api.callsOf('conversations.join')).toEqual([{ channel: CHANNEL }]);
    expect(postsTo(CHANNEL)).toHaveLength(2);
    expect(await h.ops.store.read((tx) => tx.get('post', 'decision:D-1'))).toBeDefined();
    expect(await undeliverable()).toHaveLength(0);
  });

  it('tells the ops channel and, by direct message, the person who caused it when the bot cannot join', async () => {
    api.answerNext('chat.postMessage', refused('not_in_channel'));
    api.answerNext('conversations.join', refused('method_not_supported_for_channel_type'));
    await decide('Nightly backups');
    const [record] = await undeliverable();
    expect(record).toMatchObject({ channel: `slack:${CHANNEL}`, key: 'decision:D-1', reason: 'not_in_channel', announced: true });
    const [notice] = postsTo(OPS);
    expect(notice?.text).toContain(`did not reach slack:${CHANNEL}: not_in_channel. The channel is private: invite the bot (/invite @dayops).`);
    const [dm] = postsTo(ALICE);
    expect(dm?.text).toContain('Nightly backups');
    expect(dm?.text).toContain('invite the bot');
    // The decision itself stands; the person was told so at once.
    expect(api.responses[0]?.body.text).toContain('D-1');
  });

  it('announces a broken channel once an hour, records every message', async () => {
    api.answerNext('chat.postMessage', refused('is_archived'));
    await decide('One');
    api.answerNext('chat.postMessage', refused('is_archived'));
    await signedPost(h.eventsUrl, slashBody({ text: 'decide Two', trigger_id: 'second' }));
    await h.settle();
    expect((await undeliverable()).map((r) => [r.key, r.announced])).toEqual([
      ['decision:D-1', true],
      ['decision:D-2', false],
    ]);
    expect(postsTo(OPS)).toHaveLength(1);
  });

  it('sends a message Slack refuses as invalid_blocks or msg_too_long once more as plain text', async () => {
    api.answerNext('chat.postMessage', refused('invalid_blocks'));
    await decide('Nightly backups');
    const [first, second] = postsTo(CHANNEL);
    expect(first?.blocks).toBeDefined();
    expect(second?.blocks).toBeUndefined();
    expect(second?.text).toContain('Nightly backups');
    expect(second?.text).toContain('Status: proposed');
    expect(await undeliverable()).toHaveLength(0);
  });

  it('records a refused edit and says so, without a notice about the notice', async () => {
    await decide('Nightly backups');
    api.answerNext('chat.update', refused('message_not_found'));
    await signedPost(h.eventsUrl, slashBody({ text: 'decision accept D-1', user_id: 'U0CD56EF78G', user_name: 'bob', trigger_id: 'accept' }));
    await h.settle();
    const [record] = await undeliverable();
    expect(record).toMatchObject({ op: 'edit', reason: 'message_not_found' });
    expect(postsTo(OPS)[0]?.text).toMatch(/An update of “[^”]*Nightly backups” did not reach/);
  });

  it('records, but does not announce, a notice that cannot be delivered', async () => {
    api.answerNext('chat.postMessage', refused('channel_not_found'));
    api.answerNext('chat.postMessage', refused('channel_not_found'));
    await decide('Nightly backups');
    const records = await undeliverable();
    expect(records.map((r) => r.key.split(':')[0])).toEqual(['decision', 'undeliverable']);
    expect(records[1]?.announced).toBe(false);
  });
});
