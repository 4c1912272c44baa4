import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, CHANNEL, discordConfig, FakeDiscordApi, httpSecrets, keyPair, listenMsw, mswServer, signedPost, slashCommand, startHarness, type Harness, type KeyPair } from './support.js';

const OPS = '1310000000000000250';
let h: Harness;
let api: FakeDiscordApi;
let keys: KeyPair;

beforeAll(() => {
  listenMsw();
  keys = keyPair();
});
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeDiscordApi();
  api.install();
  const base = discordConfig(httpSecrets(keys));
  h = await startHarness({ ...base, channels: { ...base.channels, ops: `discord:${OPS}` } });
});
afterEach(async () => {
  await h.close();
  mswServer.resetHandlers();
});

async function decide(title: string) {
  await signedPost(h.interactionsUrl, JSON.stringify(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: title }])), keys.privateKey);
  await h.settle();
}

const messagesTo = (channel: string) => api.callsOf('POST', new RegExp(`^/channels/${channel}/messages$`));

describe('Discord messages the platform refuses', () => {
  it.each([
    [403, 50013, 'Missing Permissions', /lacks a permission in the channel/],
    [403, 50001, 'Missing Access', /cannot see the channel/],
    [404, 10003, 'Unknown Channel', /does not exist/],
  ])('%i / %i: records it, tells the ops channel and the person by DM how to fix it', async (status, code, message, fix) => {
    api.answerNext('POST', new RegExp(`^/channels/${CHANNEL}/messages$`), () => HttpResponse.json({ message, code }, { status }));
    await decide('Nightly backups');
    const [record] = await h.ops.store.inspect((tx) => tx.scan('undeliverable'));
    expect(record).toMatchObject({ channel: `discord:${CHANNEL}`, key: 'decision:D-1', reason: String(code), announced: true });
    const [notice] = messagesTo(OPS);
    expect(JSON.stringify(notice?.body)).toMatch(fix);
    expect(api.callsOf('POST', /^\/users\/@me\/channels$/)[0]?.body).toEqual({ recipient_id: ALICE });
    const dm = api.calls.find((c) => c.method === 'POST' && /^\/channels\/\d+777\/messages$/.test(c.path));
    expect(JSON.stringify(dm?.body)).toContain('Nightly backups');
  });
});
