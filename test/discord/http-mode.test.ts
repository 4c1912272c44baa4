import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  buttonPress,
  CHANNEL,
  discordConfig,
  FakeDiscordApi,
  fixture,
  httpSecrets,
  keyPair,
  listenMsw,
  mswServer,
  signedPost,
  slashCommand,
  startHarness,
  STRANGER,
  type Harness,
  type KeyPair,
} from './support.js';

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
  h = await startHarness(discordConfig(httpSecrets(keys)));
});
afterEach(async () => {
  await h.close();
  mswServer.resetHandlers();
});

const EPHEMERAL = 64;

async function decisions() {
  return h.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
}

async function post(body: object) {
  const res = await signedPost(h.interactionsUrl, JSON.stringify(body), keys.privateKey);
  return { status: res.status, body: (await res.json()) as { type: number; data?: Record<string, unknown> } };
}

/** alice proposes a decision with /ops decisions decide; resolves the id Discord gave its channel message. */
async function proposeDecision(): Promise<string> {
  const { status } = await post(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: 'Nightly PostgreSQL backups' }]));
  expect(status).toBe(200);
  await h.settle();
  expect(api.callsOf('POST', new RegExp(`^/channels/${CHANNEL}/messages$`))).toHaveLength(1);
  return (await h.ops.store.read((tx) => tx.get('post', 'decision:D-1')))!.ref;
}

describe('Discord HTTP interactions on the core server', () => {
  it('answers PING with PONG', async () => {
    expect(await post(fixture('interaction-ping'))).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a bad signature, an old key and a request without signature with 401, doing nothing', async () => {
    const body = JSON.stringify(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: 'Should not happen' }]));
    const other = keyPair();
    const forged = await signedPost(h.interactionsUrl, body, other.privateKey);
    const tampered = await fetch(h.interactionsUrl, {
      method: 'POST',
      headers: { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': '1700000000', 'content-type': 'application/json' },
      body,
    });
    const unsigned = await fetch(h.interactionsUrl, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect([forged.status, tampered.status, unsigned.status]).toEqual([401, 401, 401]);
    await h.settle();
    expect(await decisions()).toHaveLength(0);
    expect(api.calls).toHaveLength(0);
  });

  it('runs a slash command with typed options through the router, answers privately at once, and posts the message to the channel', async () => {
    const { status, body } = await post(
      slashCommand('decision', 'decide', [
        { name: 'title', type: 3, value: 'Use Prometheus' },
        { name: 'category', type: 3, value: 'monitoring' },
        { name: 'owner', type: 6, value: BOB },
      ]),
    );
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(body.data)).toContain('D-1');
    await h.settle();
    const [d] = await decisions();
    expect(d).toMatchObject({ title: 'Use Prometheus', category: 'monitoring', owner: 'bob', channel: `discord:${CHANNEL}` });
    const [message] = api.callsOf('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
    expect(message?.auth).toBe('Bot test-bot-token');
    expect(message?.body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^dayops-out-\d+$/) });
    const components = message?.body?.components as { components: { custom_id: string }[] }[];
    expect(components[0]?.components.map((c) => c.custom_id)).toEqual(['decision.accept|D-1', 'decision.reject|D-1']);
  });

  it('answers a command the user got wrong with an ephemeral message naming the problem', async () => {
    const { body } = await post(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: '   ' }]));
    expect(body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(body.data)).toContain('title');
    await h.settle();
    expect(await decisions()).toHaveLength(0);
  });

  it('maps a user option the config does not know to @id, which validation refuses', async () => {
    const { body } = await post(
      slashCommand('decision', 'decide', [
        { name: 'title', type: 3, value: 'Owned by a stranger' },
        { name: 'owner', type: 6, value: STRANGER },
      ]),
    );
    expect(body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(body.data)).toContain('owner');
  });

  it('turns a button press into the neutral action: deferred update, message edited in place, no public echo', async () => {
    const messageId = await proposeDecision();
    const { body } = await post(buttonPress('decision.accept|D-1', messageId, BOB));
    expect(body).toEqual({ type: 6 });
    await h.settle();
    expect((await decisions())[0]?.status).toBe('accepted');
    const [edit] = api.callsOf('PATCH', new RegExp(`^/channels/${CHANNEL}/messages/${messageId}$`));
    expect(JSON.stringify(edit?.body)).not.toContain('decision.accept');
    // One press leaves the edit (and a thread line where the feature keeps one), not a top-level echo.
    expect(api.callsOf('POST', new RegExp(`^/webhooks/${fixture<{ application_id: string }>('interaction-button').application_id}/`))).toHaveLength(0);
  });

  it('refuses a press by someone without the permission with an ephemeral answer, and audits it', async () => {
    const messageId = await proposeDecision();
    const { body } = await post(buttonPress('decision.accept|D-1', messageId, STRANGER));
    expect(body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(body.data)).toContain('permission');
    await h.settle();
    expect((await decisions())[0]?.status).toBe('proposed');
    const refused: string[] = [];
    await h.ops.store.exportAudit((line) => void refused.push(line));
    const event = refused.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.outcome === 'refused');
    expect(event).toMatchObject({ platform: 'discord', action: 'decision.accept', actor: { platform: 'discord', userId: STRANGER } });
  });

  it('answers a redelivered press with the same reply and no second effect', async () => {
    const messageId = await proposeDecision();
    await post(buttonPress('decision.accept|D-1', messageId, BOB, '1310000000000009000'));
    await h.settle();
    const edits = api.callsOf('PATCH', /^\/channels\//).length;
    await post(buttonPress('decision.accept|D-1', messageId, BOB, '1310000000000009000'));
    await h.settle();
    expect(api.callsOf('PATCH', /^\/channels\//)).toHaveLength(edits);
    expect(api.callsOf('POST', /^\/webhooks\//)).toHaveLength(0);
  });
});

describe('Discord HTTP interactions: deferred answers', () => {
  beforeEach(async () => {
    await h.close();
    h = await startHarness(discordConfig(httpSecrets(keys)), { deferAfterMs: 0 });
  });

  it('defers a command (type 5) and then edits the original response with the public answer', async () => {
    await post(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: 'Deferred decision' }]));
    await h.settle();
    const { body } = await post(slashCommand('decision', 'accept', [{ name: 'id', type: 3, value: 'D-1' }], '1310000000000001077', BOB));
    expect(body).toEqual({ type: 5 });
    await h.settle();
    expect((await decisions())[0]?.status).toBe('accepted');
    const [edit] = api.callsOf('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    expect(edit?.auth).toBeNull();
    expect(edit?.body?.flags).toBeUndefined();
    expect(JSON.stringify(edit?.body)).toContain('D-1');
  });

  it('replaces a deferred answer that turns out private with an ephemeral follow-up', async () => {
    const { body } = await post(slashCommand('decision', 'decide', [{ name: 'title', type: 3, value: 'Deferred decision' }]));
    expect(body).toEqual({ type: 5 });
    await h.settle();
    expect(api.callsOf('DELETE', /\/messages\/@original$/)).toHaveLength(1);
    const [followUp] = api.callsOf('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect(followUp?.body).toMatchObject({ flags: EPHEMERAL });
    expect(JSON.stringify(followUp?.body)).toContain('D-1');
  });

  it('defers a button press (type 6) and sends a refusal as an ephemeral follow-up', async () => {
    const { body } = await post(buttonPress('decision.accept|D-99', '1310000000000000700', ALICE));
    expect(body).toEqual({ type: 6 });
    await h.settle();
    const [followUp] = api.callsOf('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect(followUp?.body).toMatchObject({ flags: EPHEMERAL });
  });
});
