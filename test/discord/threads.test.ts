import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpsMessage } from '../../bot/model.js';
import { CHANNEL, discordConfig, FakeDiscordApi, httpSecrets, keyPair, listenMsw, mswServer, startHarness, type Harness } from './support.js';

let h: Harness;
let api: FakeDiscordApi;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeDiscordApi();
  api.install();
  h = await startHarness(discordConfig(httpSecrets(keyPair())));
});
afterEach(async () => {
  await h.close();
  mswServer.resetHandlers();
});

async function post(key: string, message: OpsMessage, thread?: string) {
  await h.ops.store.transact((tx) => h.ops.outbox.post(tx, { channel: `discord:${CHANNEL}`, key, message, ...(thread ? { thread } : {}) }));
  await h.settle();
}

const threadCalls = () => api.callsOf('POST', /\/threads$/);

describe('Discord threads of deployments and alerts', () => {
  it('names a thread opened by a later reply after its parent, opens it once and remembers it in the store', async () => {
    await post('deployment:DEP-12', { title: 'DEP-12 · api 1.4.2 → production', tone: 'info' });
    expect(threadCalls()).toHaveLength(0);
    await post('deployment:DEP-12:log:1', { text: 'Started the deploy step on the script engine.' }, 'deployment:DEP-12');
    await post('deployment:DEP-12:log:2', { text: 'Acknowledged by bob.' }, 'deployment:DEP-12');
    const parent = await h.ops.store.read((tx) => tx.get('post', 'deployment:DEP-12'));
    expect(threadCalls().map((c) => c.body)).toEqual([{ name: 'DEP-12 · api 1.4.2 → production', auto_archive_duration: 1440 }]);
    expect(parent?.ownThreadRef).toBe(parent?.ref);
    // Both replies went into the thread (a thread started from a message has the message's id).
    expect(api.callsOf('POST', new RegExp(`^/channels/${parent?.ref}/messages$`))).toHaveLength(2);
  });

  it('takes a thread Discord already has (160004) as the thread, and does not ask again', async () => {
    await post('alert-group:ALG-9', { title: 'ALG-9 · DiskFull on db', tone: 'danger' });
    api.answerNext('POST', /\/threads$/, () => HttpResponse.json({ message: 'A thread has already been created for this message', code: 160004 }, { status: 400 }));
    await post('alert-group:ALG-9:note:1', { text: 'Acknowledged by bob.' }, 'alert-group:ALG-9');
    await post('alert-group:ALG-9:note:2', { text: 'Silenced for 1h.' }, 'alert-group:ALG-9');
    expect(threadCalls()).toHaveLength(1);
    expect(threadCalls()[0]?.body).toMatchObject({ name: 'ALG-9 · DiskFull on db' });
    expect(await h.ops.store.inspect((tx) => tx.scan('undeliverable'))).toHaveLength(0);
  });
});
