import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { defaultSecrets, FakeSlackApi, fixture, listenMsw, mswServer, slackConfig, startHarness, type Harness } from './support.js';

let api: FakeSlackApi;
let wss: WebSocketServer;
let h: Harness | undefined;

beforeAll(listenMsw);
afterAll(() => mswServer.close());
beforeEach(async () => {
  api = new FakeSlackApi();
  api.install();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  api.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  mswServer.resetHandlers();
});

/** Socket Mode as Slack speaks it: hello on connect, then envelopes; the app acks each by envelope_id. */
function nextFrame(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

describe('Slack Socket Mode', () => {
  it('wins over HTTP mode, connects through apps.connections.open, acks an envelope by its id and runs the command', async () => {
    const connected = new Promise<WebSocket>((resolve) =>
      wss.once('connection', (socket) => {
        socket.send(JSON.stringify(fixture('socket-mode-hello')));
        resolve(socket);
      }),
    );
    h = await startHarness(slackConfig({ ...defaultSecrets(), appToken: 'xapp-test-token' }));
    expect(h.adapter.mode).toBe('socket');
    const socket = await connected;
    expect(api.callsOf('apps.connections.open')).toHaveLength(1);

    const envelope = fixture<{ envelope_id: string; payload: Record<string, string> }>('socket-mode-envelope-slash-command');
    const acked = nextFrame(socket);
    socket.send(JSON.stringify({ ...envelope, payload: { ...envelope.payload, text: 'decide Socket Mode works --category tooling' } }));
    expect(await acked).toMatchObject({ envelope_id: envelope.envelope_id });

    await h.settle();
    const decisions = await h.ops.store.inspect((tx) => tx.scan('decision', { state: 'all' }));
    expect(decisions.map((d) => d.title)).toEqual(['Socket Mode works']);
    expect(api.responses).toHaveLength(1);
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
    // Socket Mode serves nothing over HTTP.
    expect((await fetch(h.eventsUrl, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
